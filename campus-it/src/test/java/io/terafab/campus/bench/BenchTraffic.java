package io.terafab.campus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.contract.EventTypes;
import io.terafab.contract.Topics;
import io.terafab.testing.kafka.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** INTERIM traffic until the sensor simulator's generator is in. */
final class BenchTraffic implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final List<String> tools = new ArrayList<>();
    private final Random random = new Random(1);
    private final Instant epoch = Instant.parse("2027-01-01T00:00:00Z");
    private final Instant anchor = Instant.now();
    private long bytes;
    private long records;

    private BenchTraffic(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        producer = new KafkaProducer<>(props);
    }

    static BenchTraffic create(Path root, String bootstrap) {
        BenchTraffic t = new BenchTraffic(bootstrap);
        try (ServiceProcess fab = ServiceProcess.of("fab-service", bootstrap, Map.of("twin.state.enabled", "false")).start()) {
            fab.awaitReady(Duration.ofMinutes(3));
            JsonNode list = new ObjectMapper().readTree(fab.get("/fab/tools").body());
            for (JsonNode tool : list) {
                t.tools.add(tool.get("toolId").asText());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return t;
    }

    static final List<String> TOPICS = List.of(Topics.SENSOR_TOOL_TELEMETRY, Topics.SENSOR_METER_READINGS);

    Map<String, String> clockProperties() {
        return Map.of("twin.clock.epoch", epoch.toString(), "twin.clock.anchor", anchor.toString(), "twin.clock.speed", "60");
    }

    int meanRecordBytes() {
        return (int) (bytes / Math.max(1, records));
    }

    private ProducerRecord<String, byte[]> next() {
        String tool = tools.get(random.nextInt(tools.size()));
        Instant at = epoch.plusMillis((System.currentTimeMillis() - anchor.toEpochMilli()) * 60);
        String json = "{\"toolId\":\"%s\",\"reading\":{\"quantity\":\"chamber-temperature\",\"value\":%.2f,\"min\":20.0,\"max\":80.0},\"at\":\"%s\"}"
                .formatted(tool, 40 + random.nextDouble() * 10, at);
        RecordHeaders h = new RecordHeaders();
        h.add("ce_specversion", b("1.0"));
        h.add("ce_id", b(UUID.randomUUID().toString()));
        h.add("ce_type", b(EventTypes.TOOL_TELEMETRY_REPORTED));
        h.add("ce_source", b("bench"));
        h.add("ce_time", b(at.toString()));
        byte[] value = b(json);
        bytes += value.length + 150;
        records++;
        return new ProducerRecord<>(Topics.SENSOR_TOOL_TELEMETRY, null, tool, value, h);
    }

    double produceAtFullSpeed(int events) {
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            producer.send(next());
        }
        producer.flush();
        return events / ((System.nanoTime() - start) / 1e9);
    }

    long produceAtRate(int perSecond, Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        while (System.nanoTime() < end) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
            while (sent < due) {
                producer.send(next());
                sent++;
            }
            Thread.sleep(1);
        }
        producer.flush();
        return sent;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
