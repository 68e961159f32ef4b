package io.terafab.platform.messaging;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The dead-letter policy and the envelope settings, written once for every Kafka channel of every
 * service instead of repeated in each {@code application.properties}. A service's own properties
 * still win (this source's ordinal is below theirs).
 *
 * <p>Incoming: record batches of raw bytes (so malformed JSON reaches the application, is counted
 * and dead-lettered by {@link InboundEventGate} instead of failing the channel, and a batch costs
 * one lock acquisition), {@code cloud-events=false} (the envelope is checked by the gate),
 * resumption from the restored state, and static group membership so a restarted instance gets
 * its partitions back at once instead of after the session timeout. The gate dead-letters records
 * itself, so a nack reaching SmallRye is a bug in the gate: {@code failure-strategy=fail} makes it
 * stop the channel and turn the health check down rather than park a whole batch. Outgoing: JSON
 * values, string keys, CloudEvents binary mode with the service as source, {@code acks=all} with
 * idempotence, and a delivery timeout of an hour, so the client's own ordered retries carry
 * outputs across a broker outage (see {@link EventPublisher} for what happens when the broker
 * still refuses).
 */
public class ChannelDefaultsConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 200; // application.properties in the jar is 250
    static final java.time.Duration OUTPUT_DELIVERY_TIMEOUT = java.time.Duration.ofHours(1);
    private static final Pattern CONNECTOR =
            Pattern.compile("^mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector$");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String service = value(context, "quarkus.application.name", "terafab-service");
        String instance = value(context, "twin.state.instance-id", service);
        Map<String, String> defaults = new HashMap<>();
        for (Iterator<String> names = context.iterateNames(); names.hasNext(); ) {
            Matcher m = CONNECTOR.matcher(names.next());
            if (!m.matches() || !"smallrye-kafka".equals(value(context, m.group(), ""))) {
                continue;
            }
            String channel = m.group(2);
            String prefix = "mp.messaging." + m.group(1) + "." + channel + ".";
            if (m.group(1).equals("incoming")) {
                defaults.putAll(incoming(prefix, instance + "-" + channel));
            } else {
                defaults.putAll(outgoing(prefix, service));
            }
        }
        return List.of(new PropertiesConfigSource(defaults, "terafab-channel-defaults", ORDINAL));
    }

    static Map<String, String> incoming(String prefix, String groupInstanceId) {
        Map<String, String> p = new HashMap<>();
        p.put(prefix + "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put(prefix + "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put(prefix + "cloud-events", "false");
        p.put(prefix + "batch", "true");
        // a span per record cost ~5 % of the ingest path in bench/run ingest, and nothing reads them
        p.put(prefix + "tracing-enabled", "false");
        p.put(prefix + "failure-strategy", "fail");
        p.put(prefix + "fail-on-deserialization-failure", "false");
        p.put(prefix + "auto.offset.reset", "earliest");
        p.put(prefix + "consumer-rebalance-listener.name", SnapshotPositionsListener.NAME);
        p.put(prefix + "group.instance.id", groupInstanceId);
        // A batch may wait for room in the outbox (backpressure) for as long as the broker is away;
        // the throttled commit's own age check would close the consumer for good after 60 s. The
        // twin-state readiness check reports paused inputs instead.
        p.put(prefix + "throttled.unprocessed-record-max-age.ms", "0");
        return p;
    }

    static Map<String, String> outgoing(String prefix, String service) {
        Map<String, String> p = new HashMap<>();
        p.put(prefix + "key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put(prefix + "value.serializer", "io.quarkus.kafka.client.serialization.ObjectMapperSerializer");
        p.put(prefix + "cloud-events-source", service);
        p.put(prefix + "cloud-events-mode", "binary");
        // An output is forgotten from the outbox only once acknowledged: acknowledged by every
        // in-sync replica, written once and in order per partition however often the client retries.
        p.put(prefix + "acks", "all");
        p.put(prefix + "enable.idempotence", "true");
        p.put(prefix + "max.in.flight.requests.per.connection", "5");
        // The client retries for an hour, not Kafka's default 2 minutes, and waits as long for the
        // topic's metadata (max.block.ms, 1 minute by default) on the sink's one sending thread:
        // its own retries keep a partition's order (idempotence), whereas an output given up on and
        // re-sent by OutputChannel arrives behind newer ones already on their way, and a consumer
        // that applies a level (a budget, a power draw) must refuse it as out of order (both seen
        // in the fault suite: a broker killed, a link cut for a minute). A broker away longer than
        // that is an outage the outbox's re-send (and its alert) is for.
        String patience = Long.toString(OUTPUT_DELIVERY_TIMEOUT.toMillis());
        p.put(prefix + "delivery.timeout.ms", patience);
        p.put(prefix + "max.block.ms", patience);
        return p;
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null ? fallback : v.getValue();
    }
}
