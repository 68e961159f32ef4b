package io.terafab.platform.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the broker is and how to log in to it, for the Kafka clients the platform builds itself
 * (snapshots, dead letters): the same {@code kafka.bootstrap.servers}, {@code kafka.security.protocol},
 * {@code kafka.sasl.*} and {@code kafka.ssl.*} settings SmallRye gives every channel, so a service
 * uses one principal for everything it does on the broker.
 */
public final class KafkaConnection {

    /** Asked for by name too: set as environment variables (KAFKA_SASL_JAAS_CONFIG), they are not listed under these names. */
    private static final List<String> LOGIN = List.of(
            "kafka.security.protocol",
            "kafka.sasl.mechanism",
            "kafka.sasl.jaas.config",
            "kafka.ssl.truststore.location",
            "kafka.ssl.truststore.password",
            "kafka.ssl.truststore.type",
            "kafka.ssl.endpoint.identification.algorithm");

    private KafkaConnection() {}

    /** Client settings, without their {@code kafka.} prefix, ready for a producer, consumer or admin client. */
    public static Map<String, Object> settings() {
        return settingsOf(ConfigProvider.getConfig());
    }

    static Map<String, Object> settingsOf(Config config) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(
                "bootstrap.servers",
                config.getOptionalValue("kafka.bootstrap.servers", String.class).orElse("localhost:9092"));
        Set<String> names = new TreeSet<>(LOGIN);
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.security.") || name.startsWith("kafka.sasl.") || name.startsWith("kafka.ssl.")) {
                names.add(name);
            }
        }
        for (String name : names) {
            config.getOptionalValue(name, String.class)
                    .ifPresent(v -> settings.put(name.substring("kafka.".length()), v));
        }
        return settings;
    }
}
