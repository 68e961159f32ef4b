package io.terafab.campus.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.platform.clock.TwinClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The outputs each service still owes, as its latest snapshot on {@code <service>.state} says
 * (the outbox is snapshotted with the model): an output still pending longer than {@code owedFor}
 * after the twin time it was published at was given up on by the producer and not delivered.
 */
final class SnapshotOutbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024;
    /** How long owed outputs may take to drain once the campus recovered. */
    private static final Duration DRAIN_WAIT = Duration.ofMinutes(2);

    private final String bootstrap;
    private final TwinClock clock;

    SnapshotOutbox(String bootstrap, TwinClock clock) {
        this.bootstrap = bootstrap;
        this.clock = clock;
    }

    /**
     * Outputs pending for longer than {@code owedFor} of wall time in the service's latest snapshot
     * taken at or after {@code notBefore} (an older one may list outputs the client delivered
     * since), looked at again until none is overdue or {@link #DRAIN_WAIT} has passed: after the
     * broker's return a client may take a while to deliver what it retried, and what matters is
     * that it does.
     */
    List<String> overdue(String service, Duration owedFor, Instant notBefore) throws IOException {
        long giveUp = System.nanoTime() + DRAIN_WAIT.toNanos();
        List<String> overdue;
        do {
            JsonNode snapshot = latest(service + ".state");
            if (snapshot == null) {
                return List.of();
            }
            overdue = takenAt(snapshot).isBefore(notBefore)
                    ? List.of(service + " wrote no snapshot since " + notBefore)
                    : overdueIn(service, snapshot, owedFor);
            if (overdue.isEmpty()) {
                return overdue;
            }
            sleep();
        } while (System.nanoTime() < giveUp);
        return overdue;
    }

    private List<String> overdueIn(String service, JsonNode snapshot, Duration owedFor) {
        Instant takenAt = takenAt(snapshot);
        // pending events carry the twin's time; the snapshot's is wall time
        Instant due = clock.toSimulated(takenAt).minus(clock.simulatedDuration(owedFor));
        List<String> overdue = new ArrayList<>();
        for (JsonNode pending : snapshot.path("pendingEvents")) {
            if (Instant.parse(pending.path("time").asText()).isBefore(due)) {
                overdue.add(service + " " + pending.path("channel").asText() + " "
                        + pending.path("id").asText());
            }
        }
        return overdue;
    }

    private static Instant takenAt(JsonNode snapshot) {
        return Instant.parse(snapshot.path("takenAt").asText());
    }

    private static void sleep() {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode latest(String topic) throws IOException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-outbox-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_SNAPSHOT_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_SNAPSHOT_BYTES);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(10))
                    .get(partition);
            if (end == 0) {
                return null;
            }
            // compaction keeps the latest per key; one instance per service, so the last record is its latest
            consumer.seek(partition, end - 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() == end - 1) {
                        return JSON.readTree(record.value());
                    }
                }
            }
            throw new IOException("could not read the last snapshot of " + topic);
        }
    }
}
