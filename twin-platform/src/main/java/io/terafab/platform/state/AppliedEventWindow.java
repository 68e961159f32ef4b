package io.terafab.platform.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Ids of the most recently applied events with a fingerprint of their content, oldest first per
 * input topic, bounded so a snapshot stays small.
 *
 * <p>Replays after a restart are already excluded by input positions; this window catches the
 * other kind of duplicate, the same event published twice (an integrator's retry, or an upstream
 * service re-publishing after its own restart), which arrives close to the original. The
 * fingerprint tells such a replay (same content: dropped) from an id reused for a different event
 * (an integrator's bug: rejected). {@link #UNKNOWN_FINGERPRINT} matches any content; it is what ids
 * restored from a snapshot written before fingerprints were kept carry.
 *
 * <p>Each topic keeps its own last {@code capacity} ids: a service that takes thousands of sensor
 * readings a second would otherwise forget, within seconds, the budget another service sent a
 * minute ago and re-sends after its own restart, and refuse the copy as out of order instead of
 * dropping it. Ids restored from a snapshot that did not record topics share one unnamed topic.
 */
public final class AppliedEventWindow {

    public static final long UNKNOWN_FINGERPRINT = 0L;
    /** The topic of ids added without one (and of ids restored from an older snapshot). */
    static final String NO_TOPIC = "";

    private record Entry(String topic, long fingerprint) {}

    private final int capacity;
    private final Map<String, Entry> byId = new HashMap<>();
    private final Map<String, ArrayDeque<String>> oldestFirstByTopic = new TreeMap<>();

    public AppliedEventWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** The content fingerprint the id was applied with, if it is in the window. */
    public OptionalLong fingerprintOf(String id) {
        Entry entry = byId.get(id);
        return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.fingerprint());
    }

    /** True when the id was applied with content other than {@code fingerprint} (unknown on either side matches). */
    public boolean conflicts(String id, long fingerprint) {
        Entry entry = byId.get(id);
        return entry != null
                && entry.fingerprint() != UNKNOWN_FINGERPRINT
                && fingerprint != UNKNOWN_FINGERPRINT
                && entry.fingerprint() != fingerprint;
    }

    public void add(String id) {
        add(NO_TOPIC, id, UNKNOWN_FINGERPRINT);
    }

    public void add(String id, long fingerprint) {
        add(NO_TOPIC, id, fingerprint);
    }

    /** Remembers an id applied from {@code topic}, forgetting that topic's oldest beyond the capacity. */
    public void add(String topic, String id, long fingerprint) {
        if (byId.putIfAbsent(id, new Entry(topic, fingerprint)) != null) {
            return;
        }
        ArrayDeque<String> ids = oldestFirstByTopic.computeIfAbsent(topic, t -> new ArrayDeque<>());
        ids.addLast(id);
        if (ids.size() > capacity) {
            byId.remove(ids.pollFirst());
        }
    }

    public int size() {
        return byId.size();
    }

    /** Every id, topic by topic, oldest first within its topic. */
    public List<String> oldestFirst() {
        List<String> ids = new ArrayList<>(byId.size());
        oldestFirstByTopic.values().forEach(ids::addAll);
        return ids;
    }

    /** The window as a snapshot holds it: ids as in {@link #oldestFirst()}, with their fingerprints and topics. */
    public record Contents(List<String> ids, List<Long> fingerprints, List<String> topics) {}

    /** The whole window, copied in one pass (it is taken under the state lock). */
    public Contents contents() {
        List<String> ids = new ArrayList<>(byId.size());
        List<Long> fingerprints = new ArrayList<>(byId.size());
        List<String> topics = new ArrayList<>(byId.size());
        oldestFirstByTopic.forEach((topic, topicIds) -> {
            for (String id : topicIds) {
                ids.add(id);
                fingerprints.add(byId.get(id).fingerprint());
                topics.add(topic);
            }
        });
        return new Contents(ids, fingerprints, topics);
    }

    /**
     * Restores the window; {@code fingerprintsOldestFirst} and {@code topicsOldestFirst} may each be
     * empty (an older snapshot) or as long as the ids.
     */
    public void replaceWith(
            List<String> oldestFirst, List<Long> fingerprintsOldestFirst, List<String> topicsOldestFirst) {
        requireParallel("fingerprints", fingerprintsOldestFirst, oldestFirst);
        requireParallel("topics", topicsOldestFirst, oldestFirst);
        byId.clear();
        oldestFirstByTopic.clear();
        for (int i = 0; i < oldestFirst.size(); i++) {
            add(
                    topicsOldestFirst.isEmpty() ? NO_TOPIC : topicsOldestFirst.get(i),
                    oldestFirst.get(i),
                    fingerprintsOldestFirst.isEmpty() ? UNKNOWN_FINGERPRINT : fingerprintsOldestFirst.get(i));
        }
    }

    public void replaceWith(List<String> oldestFirst, List<Long> fingerprintsOldestFirst) {
        replaceWith(oldestFirst, fingerprintsOldestFirst, List.of());
    }

    public void replaceWith(List<String> oldestFirst) {
        replaceWith(oldestFirst, List.of(), List.of());
    }

    private static void requireParallel(String what, List<?> values, List<String> ids) {
        if (!values.isEmpty() && values.size() != ids.size()) {
            throw new IllegalArgumentException(
                    what + " (" + values.size() + ") do not match the ids (" + ids.size() + ")");
        }
    }
}
