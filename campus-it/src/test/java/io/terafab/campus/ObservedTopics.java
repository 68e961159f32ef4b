package io.terafab.campus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.testing.contract.AsyncApiContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every record of a campus's topics as it arrives and checks it against the AsyncAPI
 * contract at once, keeping only what the test asks about: counts per topic, violations, the
 * first event of each topic, dead-letter reasons by event id and the event ids each service's
 * latest snapshot says it applied. Records are not kept: snapshots run to megabytes every second.
 */
final class ObservedTopics implements AutoCloseable {

    /** Snapshots are single records of up to 16 MiB (twin-platform's SnapshotTopic). */
    private static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private static final int MAX_VIOLATIONS_KEPT = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The first record of a topic: its headers and JSON payload. */
    record FirstRecord(Map<String, String> headers, JsonNode payload) {}

    private final String prefix;
    private final AsyncApiContract contract;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread poller;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, FirstRecord> firstRecords = new ConcurrentHashMap<>();
    private final Map<String, String> deadLetterReasons = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> appliedByInstance = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /** Starts reading, from their beginning, the contract's topics under {@code prefix}. */
    ObservedTopics(String bootstrapServers, String prefix, AsyncApiContract contract, Collection<String> topics) {
        this.prefix = prefix;
        this.contract = contract;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "observer-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_RECORD_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_RECORD_BYTES);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics.stream().map(t -> prefix + t).toList());
        poller = new Thread(this::poll, "observed-topics");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    observe(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void observe(ConsumerRecord<String, byte[]> record) {
        String topic = record.topic().substring(prefix.length());
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(
                    header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        counts.merge(topic, 1, Integer::sum);
        try {
            List<String> found = contract.validate(topic, record.key(), headers, record.value());
            found.forEach(v -> violation(topic + "/" + record.partition() + "@" + record.offset() + " " + v));
            remember(topic, record, headers);
        } catch (RuntimeException e) {
            violation(topic + "/" + record.partition() + "@" + record.offset() + " could not be checked: " + e);
        }
    }

    private void remember(String topic, ConsumerRecord<String, byte[]> record, Map<String, String> headers) {
        if (topic.endsWith(".dlq")) {
            String id = headers.get(AsyncApiContract.CE_ID);
            if (id != null) {
                deadLetterReasons.put(id, String.valueOf(headers.get("dead-letter-reason")));
            }
        } else if (topic.endsWith(".state")) {
            if (record.value() != null) {
                Set<String> ids = new HashSet<>();
                readTree(record.value()).path("appliedEventIds").forEach(id -> ids.add(id.asText()));
                appliedByInstance.put(record.key(), ids);
            }
        } else if (!firstRecords.containsKey(topic)) {
            firstRecords.put(topic, new FirstRecord(headers, readTree(record.value())));
        }
    }

    private static JsonNode readTree(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + e.getMessage(), e);
        }
    }

    private synchronized void violation(String text) {
        if (violations.size() < MAX_VIOLATIONS_KEPT) {
            violations.add(text);
        }
    }

    int count(String topic) {
        return counts.getOrDefault(topic, 0);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    Optional<FirstRecord> first(String topic) {
        return Optional.ofNullable(firstRecords.get(topic));
    }

    /** The reason a record with this {@code ce_id} was dead-lettered with, if it was. */
    Optional<String> deadLetterReason(String eventId) {
        return Optional.ofNullable(deadLetterReasons.get(eventId));
    }

    /** Whether the latest snapshot of the instance lists the event as applied. */
    boolean applied(String instanceId, String eventId) {
        return appliedByInstance.getOrDefault(instanceId, Set.of()).contains(eventId);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(10_000);
    }
}
