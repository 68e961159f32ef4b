package io.terafab.campus.bench;

import io.terafab.campus.MetricsScrape;
import io.terafab.testing.kafka.ServiceProcess;
import java.io.IOException;
import java.util.Map;

/**
 * What the benchmark reads from a service's Prometheus endpoint, per input channel: what became of
 * its records (applied, dead-lettered, dropped as copies) and how long they took.
 */
final class ServiceMetrics {

    private final MetricsScrape scrape;

    private ServiceMetrics(MetricsScrape scrape) {
        this.scrape = scrape;
    }

    static ServiceMetrics scrape(ServiceProcess service) {
        try {
            return new ServiceMetrics(
                    new MetricsScrape(service.get("/q/metrics").body()));
        } catch (IOException notListeningYet) {
            return new ServiceMetrics(new MetricsScrape(""));
        }
    }

    /** Records of the channel applied to the twin's state. */
    double applied(String channel) {
        return scrape.sum("terafab_messaging_events_consumed_total", Map.of("channel", channel));
    }

    /** Records of the channel dead-lettered, by reason. */
    Map<String, Double> rejectedByReason(String channel) {
        return scrape.sumBy("terafab_messaging_events_rejected_total", Map.of("channel", channel), "reason");
    }

    /**
     * Records of the channel dropped as copies of applied ones, of one kind: {@code event-id} (another
     * record with an applied event's id) or {@code offset} (a record delivered again at a position
     * already applied, as after a rebalance that came before the consumer's commit).
     */
    double duplicates(String channel, String kind) {
        return scrape.sum("terafab_messaging_events_duplicates_total", Map.of("channel", channel, "kind", kind));
    }

    /** The channel's latency buckets, record creation to application, since the service started. */
    LatencyHistogram latency(String channel) {
        return LatencyHistogram.of(
                scrape.sumBy("terafab_messaging_ingest_latency_seconds_bucket", Map.of("channel", channel), "le"));
    }
}
