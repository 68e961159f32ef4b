package io.terafab.platform.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Ids of the most recently applied events, oldest first, bounded so a snapshot stays small.
 *
 * <p>Replays after a restart are already excluded by input positions; this window catches the
 * other kind of duplicate, the same event published twice (an integrator's retry, or an upstream
 * service re-publishing after its own restart), which arrives close to the original.
 */
public final class AppliedEventWindow {

    private final int capacity;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    public AppliedEventWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    public boolean contains(String id) {
        return ids.contains(id);
    }

    public void add(String id) {
        if (ids.add(id) && ids.size() > capacity) {
            var oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    public int size() {
        return ids.size();
    }

    public List<String> oldestFirst() {
        return new ArrayList<>(ids);
    }

    public void replaceWith(Collection<String> oldestFirst) {
        ids.clear();
        oldestFirst.forEach(this::add);
    }
}
