package io.terafab.campus.bench;

import io.terafab.campus.MetricsScrape;
import io.terafab.testing.kafka.ServiceProcess;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/** What the benchmark reads from a service's Prometheus endpoint: how many records it handled, and how fast. */
final class ServiceMetrics {

    private final MetricsScrape scrape;

    private ServiceMetrics(MetricsScrape scrape) {
        this.scrape = scrape;
    }

    static ServiceMetrics scrape(ServiceProcess service) {
        try {
            return new ServiceMetrics(new MetricsScrape(service.get("/q/metrics").body()));
        } catch (IOException notListeningYet) {
            return new ServiceMetrics(new MetricsScrape(""));
        }
    }

    /** Records of the channels applied to the twin's state. */
    double applied(Collection<String> channels) {
        return sum("terafab_messaging_events_consumed_total", channels);
    }

    /** Records of the channels the gate is done with: applied, dead-lettered or dropped as duplicates. */
    double handled(Collection<String> channels) {
        return applied(channels) + sum("terafab_messaging_events_rejected_total", channels)
                + sum("terafab_messaging_events_duplicates_total", channels);
    }

    /** A latency quantile of a channel over the service's latency window, in milliseconds (NaN when absent). */
    double latencyMillis(String channel, String quantile) {
        return scrape.first("terafab_messaging_ingest_latency_seconds", Map.of("channel", channel, "quantile", quantile))
                .orElse(Double.NaN) * 1000;
    }

    private double sum(String name, Collection<String> channels) {
        return channels.stream().mapToDouble(c -> scrape.sum(name, Map.of("channel", c))).sum();
    }
}
