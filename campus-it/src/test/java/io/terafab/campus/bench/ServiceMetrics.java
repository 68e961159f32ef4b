package io.terafab.campus.bench;

import io.terafab.testing.kafka.ServiceProcess;
import java.io.IOException;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmark reads from a service's Prometheus endpoint: how many records it handled, and how fast. */
final class ServiceMetrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)} ([0-9.eE+-]+|NaN)$", Pattern.MULTILINE);

    private final String text;

    private ServiceMetrics(String text) {
        this.text = text;
    }

    static ServiceMetrics scrape(ServiceProcess service) {
        try {
            return new ServiceMetrics(service.get("/q/metrics").body());
        } catch (IOException notListeningYet) {
            return new ServiceMetrics("");
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
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals("terafab_messaging_ingest_latency_seconds") && m.group(2).contains("channel=\"" + channel + "\"")
                    && m.group(2).contains("quantile=\"" + quantile + "\"")) {
                return Double.parseDouble(m.group(3)) * 1000;
            }
        }
        return Double.NaN;
    }

    private double sum(String name, Collection<String> channels) {
        double sum = 0;
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name) && channels.stream().anyMatch(c -> m.group(2).contains("channel=\"" + c + "\""))) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }
}
