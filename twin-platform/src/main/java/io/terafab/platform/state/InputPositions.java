package io.terafab.platform.state;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * For each input partition, the offset of the next record to apply. Kept with the model so the
 * two always describe the same moment.
 */
public final class InputPositions {

    private final Map<String, Long> next = new TreeMap<>();

    static String key(String topic, int partition) {
        return topic + "/" + partition;
    }

    public OptionalLong next(String topic, int partition) {
        Long offset = next.get(key(topic, partition));
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** True when the record at this offset was already applied (or deliberately skipped). */
    public boolean alreadyApplied(String topic, int partition, long offset) {
        Long nextOffset = next.get(key(topic, partition));
        return nextOffset != null && offset < nextOffset;
    }

    public void advancePast(String topic, int partition, long offset) {
        next.merge(key(topic, partition), offset + 1, Math::max);
    }

    public Map<String, Long> asMap() {
        return new TreeMap<>(next);
    }

    public void replaceWith(Map<String, Long> positions) {
        next.clear();
        next.putAll(positions);
    }
}
