package io.terafab.platform.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Rejected input records whose dead letter the broker has not acknowledged yet, by input
 * partition and offset, with the reason. Kept with the positions in the snapshot: a consumer
 * resumes at the oldest owed record of its partition, not past it, and on the way re-sends the
 * owed dead letters with their recorded reason and skips what was applied, so a dead letter is
 * never lost by a crash and nothing is applied twice. Thread-safe: owed under the state lock,
 * settled by the producer's callback.
 */
public final class DeadLettersOwed {

    /** One owed dead letter, as the snapshot holds it. */
    public record Owed(String topic, int partition, long offset, String reason) {}

    private final Map<String, NavigableMap<Long, Owed>> byPartition = new TreeMap<>();

    public synchronized void owe(String topic, int partition, long offset, String reason) {
        byPartition
                .computeIfAbsent(InputPositions.key(topic, partition), k -> new TreeMap<>())
                .put(offset, new Owed(topic, partition, offset, reason));
    }

    /** The dead letter was acknowledged: the position may pass its record. */
    public synchronized void settle(String topic, int partition, long offset) {
        NavigableMap<Long, Owed> owed = byPartition.get(InputPositions.key(topic, partition));
        if (owed != null) {
            owed.remove(offset);
            if (owed.isEmpty()) {
                byPartition.remove(InputPositions.key(topic, partition));
            }
        }
    }

    /** The reason the record was rejected, if its dead letter is still owed. */
    public synchronized Optional<String> reason(String topic, int partition, long offset) {
        NavigableMap<Long, Owed> owed = byPartition.get(InputPositions.key(topic, partition));
        return owed == null
                ? Optional.empty()
                : Optional.ofNullable(owed.get(offset)).map(Owed::reason);
    }

    /** The oldest record of the partition whose dead letter is owed. */
    public synchronized OptionalLong oldest(String topic, int partition) {
        NavigableMap<Long, Owed> owed = byPartition.get(InputPositions.key(topic, partition));
        return owed == null ? OptionalLong.empty() : OptionalLong.of(owed.firstKey());
    }

    public synchronized int size() {
        return byPartition.values().stream().mapToInt(Map::size).sum();
    }

    public synchronized List<Owed> all() {
        List<Owed> all = new ArrayList<>();
        byPartition.values().forEach(owed -> all.addAll(owed.values()));
        return all;
    }

    public synchronized void replaceWith(List<Owed> owed) {
        byPartition.clear();
        owed.forEach(o -> owe(o.topic(), o.partition(), o.offset(), o.reason()));
    }
}
