package io.terafab.chip.bench;

import io.terafab.contract.EventTypes;
import io.terafab.testing.kafka.ServiceProcess;
import io.terafab.testing.kafka.TestKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code bench/run chip}: inventory events applied per second by the packaged chip-service through
 * a real Kafka broker, next to the baseline of the same run — a bare {@code KafkaConsumer} reading
 * the same records and doing nothing with them.
 *
 * <p>The topics are filled first (wafer-outs, and one capacity request in twenty), then the
 * service starts on them with its production settings (snapshots on, the twin at 3600x so the
 * ticker installs while events stream in). The rate counts the events the service applied between
 * the first and the last sample of its {@code terafab_messaging_events_consumed_total}, so start-up
 * is not in it. Ends with one line: {@code inventory_events_per_s=… baseline_records_per_s=… events=…}.
 *
 * <p>Run from the chip-service folder with the test classpath, after packaging the service;
 * argument: the number of events (default 100,000).
 */
public final class InventoryBench {

    private static final Pattern CONSUMED =
            Pattern.compile("^terafab_messaging_events_consumed_total\\{[^}]*} ([0-9.eE+-]+)$", Pattern.MULTILINE);
    private static final int REQUEST_EVERY = 20;

    private InventoryBench() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String bootstrap = TestKafkaBroker.bootstrapServers();
        String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String waferOuts = run + ".fab.wafer-outs";
        String requests = run + ".cluster.capacity-requests";

        fill(bootstrap, waferOuts, requests, events);
        double baseline = baselineRecordsPerSecond(bootstrap, List.of(waferOuts, requests), events);
        System.out.printf("[bench] bare KafkaConsumer: %d records at %.0f records/s%n", events, baseline);

        ServiceProcess chip = ServiceProcess.of(
                "chip-service",
                bootstrap,
                Map.of(
                        "mp.messaging.incoming.wafer-outs.topic",
                        waferOuts,
                        "mp.messaging.incoming.capacity-requests.topic",
                        requests,
                        "mp.messaging.incoming.accelerator-health.topic",
                        run + ".sensor.accelerator-health",
                        "mp.messaging.outgoing.allocations.topic",
                        run + ".chips.allocations",
                        "mp.messaging.outgoing.removals.topic",
                        run + ".chips.removals",
                        "mp.messaging.outgoing.inventory.topic",
                        run + ".chips.inventory",
                        "kafka.group.id",
                        run,
                        "twin.state.instance-id",
                        run,
                        "twin.clock.speed",
                        "3600"));
        try {
            double applied = appliedPerSecond(chip.start(), events);
            System.out.printf("[bench] chip-service: %d events applied at %.0f events/s%n", events, applied);
            System.out.printf(
                    "inventory_events_per_s=%.0f baseline_records_per_s=%.0f events=%d%n", applied, baseline, events);
        } finally {
            chip.close();
        }
        // The test broker runs on non-daemon threads until the JVM exits; its shutdown hook stops it.
        System.exit(0);
    }

    /** Wafer-outs of three bins, and every twentieth event a capacity request of any SKU; seeded. */
    private static void fill(String bootstrap, String waferOuts, String requests, int events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Random random = new Random(42);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < events; i++) {
                if (i % REQUEST_EVERY == REQUEST_EVERY - 1) {
                    String id = "capreq-%08d".formatted(i);
                    producer.send(record(
                            requests,
                            id,
                            EventTypes.CAPACITY_REQUESTED,
                            "{\"requestId\":\"%s\",\"accelerators\":%d,\"priority\":%d}"
                                    .formatted(id, 72 * (1 + random.nextInt(8)), random.nextInt(3))));
                } else {
                    String lot = "LOT-%08d".formatted(i);
                    int dies = 25 * 38; // a 25-wafer lot of ~64 die sites at 60 % good
                    producer.send(record(waferOuts, lot, EventTypes.WAFER_OUT_RECORDED, """
                            {"lotId":"%s","product":"TFA-1","wafers":25,"goodDiesByBin":{"bin1":%d,"bin2":%d,"bin3":%d},\
                            "startedAt":"2027-01-01T00:00:00Z","finishedAt":"2027-02-15T00:00:00Z"}""".formatted(
                                    lot, dies / 4, dies / 2, dies / 4)));
                }
            }
            producer.flush();
        }
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String type, String json) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(type + "/" + key));
        headers.add("ce_type", bytes(type));
        headers.add("ce_source", bytes("bench"));
        headers.add("ce_time", bytes("2027-01-01T00:00:00Z"));
        return new ProducerRecord<>(topic, null, key, bytes(json), headers);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static double baselineRecordsPerSecond(String bootstrap, List<String> topics, int records) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(topics);
            long read = 0;
            long first = 0;
            while (read < records) {
                int n = consumer.poll(Duration.ofMillis(500)).count();
                if (n > 0 && first == 0) {
                    first = System.nanoTime();
                }
                read += n;
            }
            return read / ((System.nanoTime() - first) / 1e9);
        }
    }

    /** Samples the service's consumed counter until every event is applied. */
    private static double appliedPerSecond(ServiceProcess chip, int events) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        double firstCount = -1;
        long firstAt = 0;
        double count = 0;
        long at = 0;
        while (count < events) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "chip-service applied only " + count + " of " + events + " events in 10 min");
            }
            Thread.sleep(100);
            count = consumed(chip);
            at = System.nanoTime();
            if (firstCount < 0 && count > 0) {
                firstCount = count;
                firstAt = at;
            }
        }
        return (count - firstCount) / ((at - firstAt) / 1e9);
    }

    private static double consumed(ServiceProcess chip) throws InterruptedException {
        try {
            String metrics = chip.get("/q/metrics").body();
            double sum = 0;
            Matcher m = CONSUMED.matcher(metrics);
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
            return sum;
        } catch (IOException notUpYet) {
            return 0;
        }
    }
}
