package io.terafab.sensors.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer the simulator sends through: safe (every record acknowledged by all in-sync replicas,
 * idempotent, so a retry never writes a record twice) and tuned for throughput.
 *
 * <p>A plain {@link KafkaProducer} rather than a SmallRye emitter: a bad record's headers must go out
 * exactly as generated, a mandatory {@code ce_*} header missing or an id reused, and its bytes
 * unserialized; SmallRye's CloudEvents support writes the envelope itself (and would complete it),
 * and its serializers would not pass a cut JSON through. It also keeps the pump usable in-process by
 * benchmarks with no Quarkus around it.
 */
public final class SensorProducer {

    /**
     * Batches fill for up to 5 ms: at the local run's 20 events/s that delays an event by at most
     * 5 ms; at full speed batches fill long before and linger does not matter.
     */
    public static final int LINGER_MS = 5;
    /** 256 KiB batches: ~600 of the simulator's ~400-byte records (headers included) per partition and request. */
    public static final int BATCH_BYTES = 256 * 1024;
    /**
     * lz4. Measured with this pump at full speed against the local runner's broker on a 2-core
     * machine shared with other builds (load 20 to 40, so each figure is noisy), 300,000 records a
     * round, alternating: warm rounds sent 24,000 to 55,000 records/s uncompressed and 34,000 to
     * 53,000 with lz4, no difference the noise lets through; lz4 shrank the ~400-byte records to 25
     * to 35 % of their size on the wire and on the broker's disk, which the broker and the services
     * share, and lz4 decompresses at gigabytes per second on the consumers' side.
     */
    public static final String COMPRESSION = "lz4";

    private SensorProducer() {}

    /** The settings, to adjust before {@link #create}. */
    public static Map<String, Object> settings(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        return config;
    }

    public static Producer<String, byte[]> create(Map<String, Object> settings) {
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }
}
