package io.terafab.campus.bench;

import io.terafab.platform.clock.TwinClock;
import io.terafab.sensors.catalog.ServiceCatalog;
import io.terafab.sensors.generator.Catalog;
import io.terafab.sensors.generator.GeneratorSettings;
import io.terafab.sensors.generator.SensorRecord;
import io.terafab.sensors.generator.SensorTopic;
import io.terafab.sensors.generator.SensorTrafficGenerator;
import io.terafab.sensors.kafka.SensorProducer;
import io.terafab.sensors.kafka.TrafficPump;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;

/**
 * The benchmark's traffic: the sensor simulator's generator (its default mix of tool telemetry,
 * meter readings, accelerator health and job submissions, no bad records) on the catalog of the
 * running services, sent by its {@link TrafficPump} at full speed or at a fixed rate.
 */
final class BenchTraffic implements AutoCloseable {

    static final List<String> TOPICS =
            Arrays.stream(SensorTopic.values()).map(SensorTopic::topic).toList();
    /** Speed of the twin clock in the benchmark, as in the local run. */
    private static final double SPEED = 60;

    private final Instant epoch = Instant.parse("2027-01-01T00:00:00Z");
    private final Instant anchor = Instant.now();
    private final TwinClock clock = new TwinClock(epoch, anchor, SPEED, Clock.systemUTC());
    private final Producer<String, byte[]> producer;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Map<String, AtomicLong> sentByTopic = new ConcurrentHashMap<>();
    private SensorTrafficGenerator generator;

    /** {@code login}: the producer's bootstrap servers and, on a secured broker, its SASL settings. */
    BenchTraffic(Map<String, Object> login) {
        Map<String, Object> settings = SensorProducer.settings((String) login.get("bootstrap.servers"), "ingest-bench");
        settings.putAll(login);
        producer = SensorProducer.create(settings);
    }

    /** The twin clock every service of the run shares with the generator. */
    Map<String, String> clockProperties() {
        return Map.of(
                "twin.clock.epoch",
                epoch.toString(),
                "twin.clock.anchor",
                anchor.toString(),
                "twin.clock.speed",
                Double.toString(SPEED));
    }

    /** Reads what may be named (tools, power assets, accelerators, tenants) from the running services. */
    void loadCatalog(URI fab, URI chips, URI power, URI scheduler) {
        Catalog catalog = new ServiceCatalog(
                        new ServiceCatalog.Endpoints(fab, chips, power, scheduler), Duration.ofSeconds(10))
                .load(Catalog.EMPTY);
        GeneratorSettings settings = GeneratorSettings.builder()
                .seed(7)
                .runId("bench-" + anchor.toEpochMilli())
                .source("urn:terafab:integrator:ingest-bench")
                .badShare(0)
                .build();
        generator = new SensorTrafficGenerator(settings, catalog, clock::now);
        System.out.printf(
                "[bench] catalog: %d tools, %d power assets, %d accelerators installed%n",
                catalog.tools().size(), catalog.power().assetIds().size(), catalog.installedCount());
    }

    /** Records the broker acknowledged so far, by topic (every topic of {@link #TOPICS}, 0 when none). */
    Map<String, Long> sentByTopic() {
        Map<String, Long> sent = new LinkedHashMap<>();
        TOPICS.forEach(
                t -> sent.put(t, sentByTopic.getOrDefault(t, new AtomicLong()).get()));
        return sent;
    }

    /** Why a topic may carry no record in a phase, given the catalog and the generator's settings. */
    String whyNoRecords(String topic) {
        if (topic.equals(SensorTopic.ACCELERATOR_HEALTH.topic())
                && generator.catalog().installedCount() == 0) {
            return "no accelerator was installed when the catalog was read, so there is none to report on";
        }
        if (topic.equals(SensorTopic.JOBS.topic())) {
            Duration mean = generator.settings().jobMeanInterarrival();
            return String.format(
                    Locale.ROOT,
                    "job submissions arrive in simulated time, one per %.1f simulated hours "
                            + "on average (%.0f wall seconds at %.0fx), and none came in this phase",
                    mean.toMinutes() / 60.0,
                    mean.toSeconds() / SPEED,
                    SPEED);
        }
        return "the generator drew none for it in this phase";
    }

    int meanRecordBytes() {
        return (int) (bytes.get() / Math.max(1, records.get()));
    }

    double produceAtFullSpeed(int events) {
        long start = System.nanoTime();
        long sent = checked(pump(Double.POSITIVE_INFINITY).run(TrafficPump.Limit.records(events)));
        return sent / ((System.nanoTime() - start) / 1e9);
    }

    long produceAtRate(int perSecond, Duration duration) {
        return checked(pump(perSecond).run(TrafficPump.Limit.duration(duration)));
    }

    private TrafficPump pump(double rate) {
        return TrafficPump.of(producer, generator, rate, new TrafficPump.Listener() {
            @Override
            public void sent(SensorRecord record) {
                records.incrementAndGet();
                sentByTopic
                        .computeIfAbsent(record.topic(), t -> new AtomicLong())
                        .incrementAndGet();
                bytes.addAndGet(record.value().length
                        + record.key().length()
                        + record.headers().entrySet().stream()
                                .mapToInt(
                                        h -> h.getKey().length() + h.getValue().length())
                                .sum());
            }

            @Override
            public void failed(SensorRecord record, Exception cause) {
                failures.incrementAndGet();
            }
        });
    }

    private long checked(long sent) {
        if (failures.get() > 0) {
            throw new IllegalStateException("the broker refused " + failures.get() + " benchmark records");
        }
        return sent;
    }

    @Override
    public void close() {
        producer.close();
    }
}
