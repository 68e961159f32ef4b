package io.terafab.sensors.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.terafab.sensors.generator.SensorRecord;
import io.terafab.sensors.kafka.TrafficPump;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Counts what the broker acknowledged, by topic, validity and bad kind
 * ({@code terafab_sensors_events_sent_total}), and what the producer gave up on
 * ({@code terafab_sensors_events_failed_total}).
 */
final class SentCounts implements TrafficPump.Listener {

    private static final Logger LOG = Logger.getLogger(SentCounts.class);

    private final MeterRegistry registry;
    private final Map<String, Counter> sent = new ConcurrentHashMap<>();
    private final Map<String, Counter> failed = new ConcurrentHashMap<>();

    SentCounts(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void sent(SensorRecord record) {
        String kind = record.good() ? "none" : record.bad().code();
        sent.computeIfAbsent(
                        record.topic() + "|" + record.validity() + "|" + kind,
                        k -> Counter.builder("terafab.sensors.events.sent")
                                .description("Records the broker acknowledged, by topic, good or bad, and bad kind "
                                        + "(none when good)")
                                .tags("topic", record.topic(), "validity", record.validity(), "kind", kind)
                                .register(registry))
                .increment();
    }

    @Override
    public void failed(SensorRecord record, Exception cause) {
        failed.computeIfAbsent(record.topic(), topic -> {
                    LOG.warnf(
                            "Sending to %s failed (%s); further failures on it are only counted",
                            topic, cause.toString());
                    return Counter.builder("terafab.sensors.events.failed")
                            .description("Records the producer gave up on, by topic")
                            .tag("topic", topic)
                            .register(registry);
                })
                .increment();
    }

    /** Acknowledged records by topic, then by {@code good} or bad kind. */
    Map<String, Map<String, Long>> sentByTopic() {
        Map<String, Map<String, Long>> byTopic = new TreeMap<>();
        sent.forEach((key, counter) -> {
            String[] parts = key.split("\\|");
            String what = parts[1].equals("good") ? "good" : parts[2];
            byTopic.computeIfAbsent(parts[0], t -> new TreeMap<>()).merge(what, (long) counter.count(), Long::sum);
        });
        return byTopic;
    }

    long failedTotal() {
        return failed.values().stream().mapToLong(c -> (long) c.count()).sum();
    }
}
