package io.terafab.platform.state;

import io.terafab.platform.kafka.KafkaConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Reads and writes snapshots on a compacted topic, one record per service instance (the key). */
final class SnapshotTopic implements AutoCloseable {

    /** Large models (a fab's WIP) fit in one record; compacted topics keep only the latest per key. */
    static final int MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024;

    private final String bootstrapServers;
    private final String topic;
    private Producer<String, byte[]> producer;

    SnapshotTopic(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** Writes through a producer of the caller's (a test's {@code MockProducer}). */
    SnapshotTopic(String topic, Producer<String, byte[]> producer) {
        this(null, topic);
        this.producer = producer;
    }

    String name() {
        return topic;
    }

    /** Creates the compacted topic if it does not exist yet. */
    void ensureExists(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        Properties props = new Properties();
        props.putAll(KafkaConnection.settings());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(props)) {
            NewTopic newTopic = new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of(
                            "cleanup.policy",
                            "compact",
                            "max.message.bytes",
                            String.valueOf(MAX_SNAPSHOT_BYTES),
                            // compaction cleans closed segments only: one closes every 64 MiB instead of 1 GiB
                            "segment.bytes",
                            "67108864"));
            try {
                admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /**
     * The latest snapshot of this instance, if any; creates the topic when it does not exist yet.
     *
     * <p>Read from the end backwards: the instance writes a snapshot every few seconds and the
     * broker compacts only closed segments (a segment closes at 1 GiB or after 7 days), so the
     * topic holds every snapshot since its last compaction. Reading them all from the beginning
     * made a restart read, decompress and hold hundreds of MB (fab-service after 7 minutes of the
     * simulator at 500 events/s: a 37 MB topic, about 10 s of its 18 s start and 400 MB RSS);
     * the latest record of the key is the one at the highest offset, so the read looks at the last
     * record first and widens the window towards the beginning (×8 each time) only while the key
     * is not in it (another instance's records, compaction gaps, transaction markers).
     */
    Optional<byte[]> readLatest(String instanceId, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Instant deadline = Instant.now().plus(timeout);
        Properties props = new Properties();
        props.putAll(KafkaConnection.settings());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "snapshot-restore-" + UUID.randomUUID());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_SNAPSHOT_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_SNAPSHOT_BYTES);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                // no such topic (the first start on this broker): nothing to restore
                ensureExists(timeout);
                return Optional.empty();
            }
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            ConsumerRecord<String, byte[]> latest = null;
            for (TopicPartition partition : partitions) {
                ConsumerRecord<String, byte[]> found =
                        latestIn(consumer, partition, begin.get(partition), end.get(partition), instanceId, deadline);
                if (found != null && (latest == null || found.timestamp() > latest.timestamp())) {
                    latest = found;
                }
            }
            return latest == null ? Optional.empty() : Optional.ofNullable(latest.value()); // a tombstone resets
        }
    }

    /** The record of {@code key} at the highest offset of {@code partition} in [begin, end), or null. */
    private ConsumerRecord<String, byte[]> latestIn(
            KafkaConsumer<String, byte[]> consumer,
            TopicPartition partition,
            long begin,
            long end,
            String key,
            Instant deadline) {
        consumer.assign(List.of(partition));
        long high = end;
        long window = 1;
        while (high > begin) {
            long low = Math.max(begin, high - window);
            consumer.seek(partition, low);
            ConsumerRecord<String, byte[]> found = null;
            while (consumer.position(partition) < high) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("timed out reading snapshots from topic " + topic);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < high && key.equals(record.key())) {
                        found = record;
                    }
                }
            }
            if (found != null) {
                return found;
            }
            high = low;
            window *= 8;
        }
        return null;
    }

    void write(String instanceId, byte[] snapshot, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        producer()
                .send(new ProducerRecord<>(topic, instanceId, snapshot))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.putAll(KafkaConnection.settings());
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_SNAPSHOT_BYTES);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "snapshot-writer-" + topic);
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
