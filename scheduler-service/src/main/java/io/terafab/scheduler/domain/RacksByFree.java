package io.terafab.scheduler.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An index of racks by how many free accelerators they have. A rack must be removed before its
 * free set changes and added back after, since its position depends on it.
 */
final class RacksByFree {

    private static final Comparator<Rack> BY_ARRIVAL = Comparator.comparingInt(r -> r.index);

    private final TreeMap<Integer, TreeSet<Rack>> buckets = new TreeMap<>();

    void add(Rack rack) {
        buckets.computeIfAbsent(rack.freeCount(), n -> new TreeSet<>(BY_ARRIVAL))
                .add(rack);
    }

    void remove(Rack rack) {
        TreeSet<Rack> bucket = buckets.get(rack.freeCount());
        if (bucket != null && bucket.remove(rack) && bucket.isEmpty()) {
            buckets.remove(rack.freeCount());
        }
    }

    void clear() {
        buckets.clear();
    }

    /** The first-arrived of the racks with the fewest free accelerators, at least {@code count}; or null. */
    Rack smallestWithAtLeast(int count) {
        Map.Entry<Integer, TreeSet<Rack>> entry = buckets.ceilingEntry(count);
        return entry == null ? null : entry.getValue().first();
    }

    /** Racks with free accelerators, most free first, then in arrival order; lazily. */
    Iterable<Rack> mostFreeFirst() {
        return () -> new Iterator<>() {
            private final Iterator<TreeSet<Rack>> bucketIterator =
                    buckets.descendingMap().values().iterator();
            private Iterator<Rack> inBucket = List.<Rack>of().iterator();

            @Override
            public boolean hasNext() {
                while (!inBucket.hasNext()) {
                    if (!bucketIterator.hasNext()) {
                        return false;
                    }
                    TreeSet<Rack> bucket = bucketIterator.next();
                    inBucket = bucket.first().freeCount() == 0
                            ? List.<Rack>of().iterator()
                            : new ArrayList<>(bucket).iterator();
                }
                return true;
            }

            @Override
            public Rack next() {
                hasNext();
                return inBucket.next();
            }
        };
    }
}
