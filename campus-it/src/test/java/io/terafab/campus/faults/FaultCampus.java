package io.terafab.campus.faults;

import io.terafab.campus.MetricsScrape;
import io.terafab.platform.clock.TwinClock;
import io.terafab.testing.kafka.BrokerProcess;
import io.terafab.testing.kafka.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The campus the faults are done to: a real broker as its own process, the four packaged services
 * as processes (one of them, {@link #CUT_SERVICE}, reaching the broker through a {@link TcpProxy}),
 * the sensor simulator's traffic at a fixed rate with every accepted id recorded, and what reads
 * the topics and the consumers' lag. Started once for a whole family of faults.
 *
 * <p>The request timeout is shortened for the suite so a frozen broker outlasts it within
 * seconds: {@code request.timeout.ms} {@value #REQUEST_TIMEOUT_MS} on every Kafka client of every
 * service. The outputs' delivery timeout is the services' own (an hour): an outage is ridden out
 * by the client's ordered retries.
 */
final class FaultCampus implements AutoCloseable {

    static final List<String> SERVICES = List.of("chip-service", "power-service", "scheduler-service", "fab-service");
    /** The service whose link to the broker is cut: its outputs (wafer-outs) cross to chip-service. */
    static final String CUT_SERVICE = "fab-service";

    static final int REQUEST_TIMEOUT_MS = 10_000;
    private static final double SPEED = 60;
    private static final Duration READY = Duration.ofMinutes(3);

    private final BrokerProcess broker;
    private final TcpProxy proxy;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, String> commonProperties = new LinkedHashMap<>();
    private final SentRecorder recorder = new SentRecorder();
    private final CampusTraffic traffic;
    private final TopicWatch watch;
    private final ConsumerLag lag;
    private final SnapshotOutbox outbox;

    /**
     * The test's own Kafka clients warn at every reconnection while the broker is down or frozen,
     * which is the point of the faults; their errors still show. A strong reference: a JUL logger
     * that is collected forgets its level.
     */
    private static final java.util.logging.Logger KAFKA_CLIENTS =
            java.util.logging.Logger.getLogger("org.apache.kafka");

    private FaultCampus(double rate, long seed) throws Exception {
        KAFKA_CLIENTS.setLevel(java.util.logging.Level.SEVERE);
        proxy = new TcpProxy();
        broker = BrokerProcess.of("fault-broker", brokerProperties()).withAdvertisedListener("PROXIED", proxy.port());
        broker.start();
        proxy.forwardTo(broker.listenerPort("PROXIED"));
        List<String> deadLetterTopics = createTopics(broker.bootstrapServers());
        Instant epoch = Instant.parse("2027-01-01T00:00:00Z");
        Instant anchor = Instant.now();
        commonProperties.putAll(Map.of(
                "twin.clock.epoch",
                epoch.toString(),
                "twin.clock.anchor",
                anchor.toString(),
                "twin.clock.speed",
                Double.toString(SPEED),
                "kafka.request.timeout.ms",
                Integer.toString(REQUEST_TIMEOUT_MS),
                "kafka.auto.commit.interval.ms",
                "200",
                // every job stays queryable by id for the whole run (all are counted anyway)
                "scheduler.ended-history",
                "100000",
                // jobs come from the recorded traffic only, so each accepted one is a recorded id
                "scheduler.workload.enabled",
                "false"));
        commonProperties.putAll(prefixed("faults.service."));
        for (String name : SERVICES) {
            services.put(name, process(name).start());
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(READY);
        }
        Map<String, URI> urls = new LinkedHashMap<>();
        services.forEach((name, s) -> urls.put(name, s.url("")));
        TwinClock clock = new TwinClock(epoch, anchor, SPEED, Clock.systemUTC());
        traffic = new CampusTraffic(broker.bootstrapServers(), clock, urls, rate, seed, recorder);
        watch = new TopicWatch(broker.bootstrapServers(), CampusTraffic.WAFER_OUTS, deadLetterTopics);
        lag = new ConsumerLag(broker.bootstrapServers());
        outbox = new SnapshotOutbox(broker.bootstrapServers(), clock);
        traffic.start();
    }

    /** Starts the campus and its traffic at {@code rate} events/s, the generator seeded with {@code seed}. */
    static FaultCampus start(double rate, long seed) throws Exception {
        return new FaultCampus(rate, seed);
    }

    /**
     * What the broker process is given on top of the local run's configuration
     * ({@code -Dfaults.broker.<property>=<value>}), and each service on top of the suite's
     * ({@code -Dfaults.service.<property>=<value>}): SASL listeners and credentials go there.
     */
    private static Map<String, String> brokerProperties() {
        return prefixed("faults.broker.");
    }

    private static Map<String, String> prefixed(String prefix) {
        Map<String, String> props = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith(prefix))
                .forEach(k -> props.put(k.substring(prefix.length()), System.getProperty(k)));
        return props;
    }

    /** The topics as deployed (deploy/local/topics.txt); returns the dead-letter topics. */
    private static List<String> createTopics(String bootstrap) throws Exception {
        Path root = Path.of(System.getProperty("twin.services.dir", ".."));
        List<NewTopic> topics = new ArrayList<>();
        List<String> deadLetters = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("deploy/local/topics.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.trim().split("\\s+");
            NewTopic topic = new NewTopic(cells[0], Integer.parseInt(cells[1]), (short) 1);
            // as deploy/local/CreateTopics: room for snapshots of up to 16 MiB
            topics.add(topic.configs(
                    cells[2].equals("compact")
                            ? Map.of(
                                    "cleanup.policy",
                                    cells[2],
                                    "max.message.bytes",
                                    "16777216",
                                    "segment.bytes",
                                    "67108864")
                            : Map.of("cleanup.policy", cells[2], "max.message.bytes", "16777216")));
            if (cells[0].endsWith(".dlq")) {
                deadLetters.add(cells[0]);
            }
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
        return deadLetters;
    }

    private ServiceProcess process(String name) {
        String bootstrap = name.equals(CUT_SERVICE) ? "127.0.0.1:" + proxy.port() : broker.clientBootstrapServers();
        return ServiceProcess.on(broker, name, bootstrap, commonProperties);
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    BrokerProcess broker() {
        return broker;
    }

    TcpProxy proxy() {
        return proxy;
    }

    SentRecorder recorder() {
        return recorder;
    }

    CampusTraffic traffic() {
        return traffic;
    }

    TopicWatch watch() {
        return watch;
    }

    ConsumerLag lag() {
        return lag;
    }

    SnapshotOutbox outbox() {
        return outbox;
    }

    /** {@code kill -9} of a service. */
    void kill9(String name) {
        services.get(name).kill9();
    }

    /** Starts a killed service again, as its operator would, and waits until it is ready. */
    void restart(String name) {
        ServiceProcess again = process(name).start();
        services.put(name, again);
        again.awaitReady(READY);
    }

    /** Each service's process id: a new one means it was restarted. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach((name, s) -> pids.put(name, s.pid()));
        return pids;
    }

    /** Each service's metrics now; empty for one that does not answer. */
    Map<String, Optional<MetricsScrape>> metrics() {
        Map<String, Optional<MetricsScrape>> scrapes = new LinkedHashMap<>();
        services.forEach((name, s) -> {
            try {
                var response = s.get("/q/metrics");
                scrapes.put(
                        name,
                        response.statusCode() == 200
                                ? Optional.of(new MetricsScrape(response.body()))
                                : Optional.empty());
            } catch (IOException notAnswering) {
                scrapes.put(name, Optional.empty());
            }
        });
        return scrapes;
    }

    @Override
    public void close() throws Exception {
        traffic.close();
        watch.close();
        lag.close();
        services.values().forEach(ServiceProcess::stop);
        broker.close();
        proxy.close();
    }
}
