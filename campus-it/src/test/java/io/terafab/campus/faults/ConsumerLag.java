package io.terafab.campus.faults;

import io.terafab.campus.MetricsScrape;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far behind each service's consumers are, in time, as the broker and the services say it:
 * a consumer is under {@code bound} when its group's committed offset on every partition of its
 * inputs is past every record older than {@code bound}, and the records it applied since the
 * previous look were each applied within {@code bound} of their creation (its ingest latency
 * buckets). The second half matters after a restart: the service then replays from its snapshot,
 * behind offsets its previous run had already committed.
 */
final class ConsumerLag implements AutoCloseable {

    /** Each service's consumer group (its application name) and the topics it reads. */
    static final Map<String, List<String>> INPUTS = Map.of(
            "fab-service", List.of("power.budget", "sensor.tool-telemetry"),
            "chip-service", List.of("fab.wafer-outs", "cluster.capacity-requests", "sensor.accelerator-health"),
            "power-service", List.of("fab.power-draw", "dc.power-draw", "sensor.meter-readings"),
            "scheduler-service", List.of("chips.allocations", "chips.removals", "power.budget", "jobs.requests"));

    private static final String LATENCY = "terafab_messaging_ingest_latency_seconds";

    private final Admin admin;
    private final Map<String, double[]> previousLatency = new HashMap<>();

    ConsumerLag(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        admin = Admin.create(props);
    }

    /**
     * The consumers still behind by more than {@code bound}, with why; empty when all are under it.
     * {@code metrics} gives a service's current scrape, empty while it does not answer.
     */
    Map<String, String> behind(Duration bound, Map<String, Optional<MetricsScrape>> metrics) {
        Map<String, String> behind = new LinkedHashMap<>();
        long olderThan = System.currentTimeMillis() - bound.toMillis();
        for (var service : INPUTS.entrySet()) {
            String name = service.getKey();
            Optional<MetricsScrape> scrape = metrics.get(name);
            if (scrape == null || scrape.isEmpty()) {
                behind.put(name, "not answering");
                continue;
            }
            try {
                String offsets = offsetsBehind(name, service.getValue(), olderThan, scrape.get());
                if (offsets != null) {
                    behind.put(name, offsets);
                    continue;
                }
            } catch (Exception brokerNotAnswering) {
                behind.put(name, "broker not answering: " + brokerNotAnswering.getMessage());
                continue;
            }
            String latency = slowSinceLastLook(name, scrape.get(), bound);
            if (latency != null) {
                behind.put(name, latency);
            }
        }
        return behind;
    }

    /** The consumers with records not yet taken, regardless of age: empty when every input was taken. */
    Map<String, String> notDrained(Map<String, Optional<MetricsScrape>> metrics) {
        Map<String, String> behind = new LinkedHashMap<>();
        for (var service : INPUTS.entrySet()) {
            Optional<MetricsScrape> scrape = metrics.get(service.getKey());
            if (scrape == null || scrape.isEmpty()) {
                behind.put(service.getKey(), "not answering");
                continue;
            }
            try {
                String offsets = offsetsBehind(service.getKey(), service.getValue(), Long.MAX_VALUE, scrape.get());
                if (offsets != null) {
                    behind.put(service.getKey(), offsets);
                }
            } catch (Exception e) {
                behind.put(service.getKey(), "broker not answering: " + e.getMessage());
            }
        }
        return behind;
    }

    /**
     * Null when the group is past every record created before {@code olderThan} (ms); else where
     * not. Where it is: its committed offset, or its consumer's own position (the log end less the
     * lag its client reports) when that is further. A commit that failed while the broker was away
     * is re-attempted only with the next record, so on a quiet partition the committed offset can
     * stay behind records the service took long ago.
     */
    private String offsetsBehind(String group, List<String> topics, long olderThan, MetricsScrape metrics)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        Map<TopicPartition, OffsetSpec> newer = new HashMap<>();
        for (String topic : topics) {
            int partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(5, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                ends.put(tp, OffsetSpec.latest());
                newer.put(tp, OffsetSpec.forTimestamp(olderThan));
            }
        }
        Map<TopicPartition, ListOffsetsResultInfo> end =
                admin.listOffsets(ends).all().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> first = olderThan == Long.MAX_VALUE
                ? Map.of()
                : admin.listOffsets(newer).all().get(5, TimeUnit.SECONDS);
        StringBuilder behind = new StringBuilder();
        for (TopicPartition tp : ends.keySet()) {
            long endOffset = end.get(tp).offset();
            ListOffsetsResultInfo firstNewer = first.get(tp);
            // every record before this offset is older than the bound: the group must be past it
            long mustBePast = firstNewer == null || firstNewer.offset() < 0 ? endOffset : firstNewer.offset();
            OffsetAndMetadata at = committed.get(tp);
            long position = at == null ? 0 : at.offset();
            OptionalDouble clientLag = metrics.first(
                    "kafka_consumer_fetch_manager_records_lag",
                    Map.of("topic", tp.topic(), "partition", Integer.toString(tp.partition())));
            if (clientLag.isPresent()) {
                position = Math.max(position, endOffset - (long) clientLag.getAsDouble());
            }
            if (position < mustBePast) {
                behind.append(String.format("%s at %d of %d; ", tp, position, endOffset));
            }
        }
        return behind.isEmpty() ? null : behind.toString();
    }

    /**
     * Null when every record the service applied since the previous look took at most {@code bound}
     * from its creation; the buckets restart with the process, so a drop starts afresh.
     */
    private String slowSinceLastLook(String service, MetricsScrape scrape, Duration bound) {
        Map<String, Double> buckets = scrape.sumBy(LATENCY + "_bucket", Map.of(), "le");
        double within = buckets.entrySet().stream()
                .filter(b -> !b.getKey().equals("+Inf") && Double.parseDouble(b.getKey()) <= bound.toMillis() / 1000.0)
                .mapToDouble(Map.Entry::getValue)
                .max()
                .orElse(0);
        double all = scrape.sum(LATENCY + "_count", Map.of());
        double[] before = previousLatency.put(service, new double[] {within, all});
        if (before == null || all < before[1]) {
            return all - within > 0
                    ? "applied " + (long) (all - within) + " records later than " + bound + " since it started"
                    : null;
        }
        double slow = (all - before[1]) - (within - before[0]);
        return slow > 0 ? "applied " + (long) slow + " records later than " + bound + " since the previous look" : null;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
