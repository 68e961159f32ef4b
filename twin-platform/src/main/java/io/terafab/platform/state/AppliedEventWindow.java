package io.terafab.platform.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalLong;

/**
 * Ids of the most recently applied events with a fingerprint of their content, oldest first,
 * bounded so a snapshot stays small.
 *
 * <p>Replays after a restart are already excluded by input positions; this window catches the
 * other kind of duplicate, the same event published twice (an integrator's retry, or an upstream
 * service re-publishing after its own restart), which arrives close to the original. The
 * fingerprint tells such a replay (same content: dropped) from an id reused for a different event
 * (an integrator's bug: rejected). {@link #UNKNOWN_FINGERPRINT} matches any content; it is what ids
 * restored from a snapshot written before fingerprints were kept carry.
 */
public final class AppliedEventWindow {

    public static final long UNKNOWN_FINGERPRINT = 0L;

    private final int capacity;
    private final LinkedHashMap<String, Long> fingerprints = new LinkedHashMap<>();

    public AppliedEventWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    public boolean contains(String id) {
        return fingerprints.containsKey(id);
    }

    /** The content fingerprint the id was applied with, if it is in the window. */
    public OptionalLong fingerprintOf(String id) {
        Long fingerprint = fingerprints.get(id);
        return fingerprint == null ? OptionalLong.empty() : OptionalLong.of(fingerprint);
    }

    /** True when the id was applied with content other than {@code fingerprint} (unknown on either side matches). */
    public boolean conflicts(String id, long fingerprint) {
        Long applied = fingerprints.get(id);
        return applied != null
                && applied != UNKNOWN_FINGERPRINT
                && fingerprint != UNKNOWN_FINGERPRINT
                && applied != fingerprint;
    }

    public void add(String id) {
        add(id, UNKNOWN_FINGERPRINT);
    }

    public void add(String id, long fingerprint) {
        if (fingerprints.putIfAbsent(id, fingerprint) == null && fingerprints.size() > capacity) {
            Iterator<String> oldest = fingerprints.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    public int size() {
        return fingerprints.size();
    }

    public List<String> oldestFirst() {
        return new ArrayList<>(fingerprints.keySet());
    }

    /** The fingerprints in the order of {@link #oldestFirst()}. */
    public List<Long> fingerprintsOldestFirst() {
        return new ArrayList<>(fingerprints.values());
    }

    /** Restores the window; {@code fingerprintsOldestFirst} may be empty (an older snapshot) or as long as the ids. */
    public void replaceWith(List<String> oldestFirst, List<Long> fingerprintsOldestFirst) {
        if (!fingerprintsOldestFirst.isEmpty() && fingerprintsOldestFirst.size() != oldestFirst.size()) {
            throw new IllegalArgumentException("fingerprints (" + fingerprintsOldestFirst.size()
                    + ") do not match the ids (" + oldestFirst.size() + ")");
        }
        fingerprints.clear();
        for (int i = 0; i < oldestFirst.size(); i++) {
            add(
                    oldestFirst.get(i),
                    fingerprintsOldestFirst.isEmpty() ? UNKNOWN_FINGERPRINT : fingerprintsOldestFirst.get(i));
        }
    }

    public void replaceWith(List<String> oldestFirst) {
        replaceWith(oldestFirst, List.of());
    }
}
