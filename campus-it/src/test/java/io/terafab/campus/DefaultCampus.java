package io.terafab.campus;

import com.fasterxml.jackson.databind.JsonNode;
import io.terafab.testing.contract.AsyncApiContract;
import io.terafab.testing.contract.ContractChannel;
import io.terafab.testing.contract.ContractOperation;
import io.terafab.testing.kafka.ServiceProcess;
import io.terafab.testing.kafka.TestKafkaBroker;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The default campus, started once for every flow that needs nothing but the four packaged services
 * with their default settings, each its own process, on the test broker: the flows of
 * {@link DefaultCampusIT} share it instead of starting the four JVMs each. Every topic is created first
 * as the AsyncAPI contract describes it (partitions, cleanup policy) under its own prefix
 * ({@code campus.*}), with its own consumer groups and snapshot keys, so the flows with campuses of
 * their own on the same broker do not leak into it.
 */
final class DefaultCampus implements AutoCloseable {

    static final String PREFIX = "campus.";
    static final AsyncApiContract CONTRACT = AsyncApiContract.load();
    /**
     * The contract's examples are dated 2027-01-01. The campus starts a month before and, at an hour a
     * second, stays before them for as long as its flows run (twelve minutes), so an example reading is
     * never older than one the twin already applied (power-service refuses those as out of order).
     */
    static final String CLOCK_EPOCH = "2026-12-01T00:00:00Z";

    private static final String INTEGRATORS = "integrators";

    private final String bootstrap;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private DefaultCampus(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Creates the campus's topics, starts the four services on one clock and waits until each is ready. */
    static DefaultCampus start() throws Exception {
        DefaultCampus campus = new DefaultCampus(TestKafkaBroker.bootstrapServers());
        campus.createTopicsAsTheContractDescribesThem();
        Map<String, String> settings = Map.of(
                "twin.clock.anchor", Instant.now().toString(), // one clock for the four, as deploy/twin does
                "twin.clock.epoch", CLOCK_EPOCH,
                "twin.clock.speed", "3600",
                "twin.tick.interval", "500ms",
                "twin.state.snapshot-interval", "1s");
        try {
            for (String service : services()) {
                campus.services.put(
                        service,
                        ServiceProcess.of(service, campus.bootstrap, isolated(service, settings))
                                .start());
            }
            // four JVMs starting at once on a loaded 2-core box, as IngestAbuseIT's
            campus.services.values().forEach(s -> s.awaitReady(Duration.ofSeconds(180)));
        } catch (RuntimeException | IOException e) {
            campus.close();
            throw e;
        }
        return campus;
    }

    /** The services of the contract: every party of its operations but the integrators. */
    static Set<String> services() {
        return CONTRACT.operations().stream()
                .map(ContractOperation::party)
                .filter(p -> !p.equals(INTEGRATORS))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The snapshot key of a service of this campus. */
    static String instanceOf(String service) {
        return PREFIX + service;
    }

    String bootstrapServers() {
        return bootstrap;
    }

    ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no " + name + " in the campus, only " + services.keySet());
        }
        return service;
    }

    Collection<ServiceProcess> all() {
        return services.values();
    }

    /** Each topic with the partitions and configuration of its channel's Kafka binding, as deploy/twin creates them. */
    private void createTopicsAsTheContractDescribesThem() throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (ContractChannel channel : CONTRACT.channels()) {
            Map<String, String> config = new HashMap<>();
            CONTRACT.document()
                    .path("channels")
                    .path(channel.id())
                    .path("bindings")
                    .path("kafka")
                    .path("topicConfiguration")
                    .properties()
                    .forEach(e -> config.put(
                            e.getKey(),
                            e.getValue().isArray()
                                    ? joined(e.getValue())
                                    : e.getValue().asText()));
            topics.add(new NewTopic(PREFIX + channel.address(), channel.partitions(), (short) 1).configs(config));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (KafkaFuture<Void> created : admin.createTopics(topics).values().values()) {
                try {
                    created.get();
                } catch (ExecutionException e) {
                    // The broker belongs to this JVM and the prefix to this campus: an existing topic is one
                    // this request created, answered late on a loaded machine and retried by the client.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static String joined(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.asText()));
        return String.join(",", texts);
    }

    /** The campus settings, every channel of the service on the campus's topics, its own group and snapshot key. */
    private static Map<String, String> isolated(String service, Map<String, String> settings) throws IOException {
        Map<String, String> props = new HashMap<>(settings);
        Properties config = new Properties();
        Path file = Path.of(System.getProperty("twin.services.dir", ".."))
                .resolve(service)
                .resolve("src/main/resources/application.properties");
        try (Reader in = Files.newBufferedReader(file)) {
            config.load(in);
        }
        Pattern channelTopic = Pattern.compile("^mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.topic$");
        for (String key : config.stringPropertyNames()) {
            if (channelTopic.matcher(key).matches()) {
                props.put(key, PREFIX + config.getProperty(key));
            }
        }
        props.put("kafka.group.id", PREFIX + service);
        props.put("twin.state.instance-id", instanceOf(service));
        props.put("twin.state.topic", PREFIX + service + ".state");
        return props;
    }

    /** Stops every service it started, by its process. */
    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
    }
}
