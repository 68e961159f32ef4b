package io.terafab.campus.faults;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every event the broker accepted from the fault runs' producers, by topic: its {@code ce_id}, and
 * for streams whose events leave a trace of their own in the state (a job, a lot), the entity id.
 * What a fault may have lost or applied twice is counted against these, never assumed.
 */
final class SentRecorder {

    private final Map<String, Set<String>> idsByTopic = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> entitiesByTopic = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> unconfirmedByTopic = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    /** The broker acknowledged an event. */
    void accepted(String topic, String id, String entity) {
        idsByTopic.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(id);
        if (entity != null) {
            entitiesByTopic
                    .computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet())
                    .add(entity);
        }
    }

    /**
     * The producer gave up on an event. Not accepted, so nothing may be expected of it; but a
     * request that timed out may still have been written, so the service may hold it, once.
     */
    void refused(String topic, String entity) {
        refused.incrementAndGet();
        if (entity != null) {
            unconfirmedByTopic
                    .computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet())
                    .add(entity);
        }
    }

    long refusedCount() {
        return refused.get();
    }

    Set<String> ids(String topic) {
        return Set.copyOf(idsByTopic.getOrDefault(topic, Set.of()));
    }

    Set<String> entities(String topic) {
        return Set.copyOf(entitiesByTopic.getOrDefault(topic, Set.of()));
    }

    /** Entities of events the producer gave up on: each may be in the state at most once. */
    Set<String> unconfirmedEntities(String topic) {
        return Set.copyOf(unconfirmedByTopic.getOrDefault(topic, Set.of()));
    }

    long total() {
        return idsByTopic.values().stream().mapToLong(Set::size).sum();
    }

    /** Events accepted so far, by topic. */
    Map<String, Long> countsByTopic() {
        Map<String, Long> counts = new TreeMap<>();
        idsByTopic.forEach((topic, ids) -> counts.put(topic, (long) ids.size()));
        return counts;
    }
}
