package io.terafab.testing.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one principal of the twin may do on the broker, read from the settings it runs with, so a
 * test that moves a service onto its own topics, group or snapshot key moves its rights with it.
 *
 * <p>A service (it has {@code mp.messaging} channels): reads the topic of every incoming channel and
 * writes its dead-letter topic, writes the topic of every outgoing channel, alone reads, writes and
 * creates its {@code .state} topic, and joins its own consumer groups. An integrator (no channels,
 * like the sensor simulator): writes the sensor topics and {@code jobs.requests}, reads their dead
 * letters, and joins groups named after itself. Nothing else: the broker denies what no ACL allows.
 *
 * <p>Grants are plain strings ({@code TOPIC LITERAL READ fab.power-draw}) because they cross from a
 * Quarkus test's class loader to the broker's.
 */
public final class KafkaAccess {

    /** The topics an integrator writes; each has a {@code .dlq} the integrator may read. */
    public static final List<String> INTEGRATOR_TOPICS =
            List.of("sensor.tool-telemetry", "sensor.meter-readings", "sensor.accelerator-health", "jobs.requests");

    private static final Pattern CHANNEL_TOPIC =
            Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.topic");
    private static final Pattern CHANNEL_GROUP = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.group\\.id");

    private final String principal;
    private final Set<String> grants = new LinkedHashSet<>();
    private final Set<String> topics = new LinkedHashSet<>();
    private final Set<String> compactedTopics = new LinkedHashSet<>();

    private KafkaAccess(String principal) {
        this.principal = principal;
    }

    /** The rights of the application configured by {@code config} (profile prefixes already resolved). */
    public static KafkaAccess of(Map<String, String> config) {
        String name = config.get("quarkus.application.name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("quarkus.application.name is not set: no principal to run under");
        }
        KafkaAccess access = new KafkaAccess(name);
        boolean hasChannels = false;
        for (Map.Entry<String, String> e : config.entrySet()) {
            Matcher channel = CHANNEL_TOPIC.matcher(e.getKey());
            if (channel.matches()) {
                hasChannels = true;
                if (channel.group(1).equals("incoming")) {
                    access.topic("READ", e.getValue());
                    access.topic("WRITE", e.getValue() + ".dlq");
                } else {
                    access.topic("WRITE", e.getValue());
                }
            }
            Matcher group = CHANNEL_GROUP.matcher(e.getKey());
            if (group.matches()) {
                access.grants.add("GROUP LITERAL READ " + e.getValue());
            }
        }
        if (hasChannels) {
            String state = config.getOrDefault("twin.state.topic", name + ".state");
            access.topic("READ", state);
            access.topic("WRITE", state);
            access.grants.add("TOPIC LITERAL CREATE " + state); // StateKeeper makes sure it exists
            access.compactedTopics.add(state);
            // without group.id a channel's group is the application name
            access.grants.add("GROUP LITERAL READ " + config.getOrDefault("kafka.group.id", name));
        } else {
            for (String topic : INTEGRATOR_TOPICS) {
                access.topic("WRITE", topic);
                access.topic("READ", topic + ".dlq");
            }
        }
        access.grants.add("GROUP PREFIXED READ " + name);
        return access;
    }

    /** The settings of an {@code application.properties} as the application sees them under {@code profile}. */
    public static Map<String, String> resolve(Properties file, String profile) {
        Map<String, String> config = new HashMap<>();
        String prefix = "%" + profile + ".";
        file.stringPropertyNames().stream()
                .filter(k -> !k.startsWith("%"))
                .forEach(k -> config.put(k, file.getProperty(k)));
        file.stringPropertyNames().stream()
                .filter(k -> k.startsWith(prefix))
                .forEach(k -> config.put(k.substring(prefix.length()), file.getProperty(k)));
        return config;
    }

    private void topic(String operation, String topic) {
        grants.add("TOPIC LITERAL " + operation + " " + topic);
        topics.add(topic);
    }

    /** The Kafka user name: the application's name. */
    public String principal() {
        return principal;
    }

    /** {@code RESOURCE PATTERN OPERATION NAME}, one grant each. */
    public List<String> grants() {
        return new ArrayList<>(grants);
    }

    /** Every topic the principal uses, which the harness creates (the broker creates none by itself). */
    public List<String> topics() {
        return new ArrayList<>(topics);
    }

    /** Those of {@link #topics()} that are compacted: the snapshot topic. */
    public List<String> compactedTopics() {
        return new ArrayList<>(compactedTopics);
    }
}
