package io.terafab.testing.kafka;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The Kafka broker of this test JVM, started on first use and stopped when the JVM exits.
 *
 * <p>Which broker, by {@code -Dkafka.test.mode}:
 * <ul>
 *   <li>{@code auto} (default): {@code KAFKA_BOOTSTRAP_SERVERS} when set; otherwise a
 *       Testcontainers Kafka when a Docker engine answers; otherwise an embedded KRaft broker;</li>
 *   <li>{@code embedded}: Apache Kafka in KRaft mode inside this JVM, on a free 127.0.0.1 port,
 *       its log directory in a temporary folder removed afterwards;</li>
 *   <li>{@code container}: Testcontainers' {@code apache/kafka-native} image;</li>
 *   <li>{@code external}: the broker named by {@code KAFKA_BOOTSTRAP_SERVERS}.</li>
 * </ul>
 *
 * <p>The embedded broker is secured as production is ({@code -Dkafka.test.security=off} leaves it
 * open, to measure what security costs): SCRAM-SHA-512 logins on its client listener, Kafka's
 * {@code StandardAuthorizer} denying what no ACL allows, and no topic created by a client's request.
 * Each service and integrator gets its own principal and the ACLs of {@link KafkaAccess} through
 * {@link #credentialsFor}, which {@link KafkaBrokerTestResource} and {@link ServiceProcess} call. The
 * tests' own clients stand for the operator: {@link #bootstrapServers()} is a second, loopback-only
 * listener whose (anonymous) principal is the broker's super-user, so a test that publishes,
 * inspects or creates topics needs no credentials.
 *
 * <p>Quarkus restarts its application (and class loader) between test classes with different
 * resources; the broker must outlive those restarts, so its holder is always loaded by the system
 * class loader and shared through it.
 */
public final class TestKafkaBroker {

    private TestKafkaBroker() {}

    /** Bootstrap servers of the JVM's broker for the tests' own clients (the super-user), starting it if needed. */
    public static String bootstrapServers() {
        return (String) onHolder("bootstrap", new Class<?>[0]);
    }

    /**
     * Makes the principal of {@code access} (its SCRAM login, its ACLs, the topics it uses) and returns
     * the settings a service needs to connect as it: {@code kafka.bootstrap.servers} and, when the
     * broker is secured, {@code kafka.security.protocol}, {@code kafka.sasl.mechanism} and
     * {@code kafka.sasl.jaas.config}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> credentialsFor(KafkaAccess access) {
        return (Map<String, String>) onHolder(
                "grant",
                new Class<?>[] {String.class, List.class, List.class, List.class},
                access.principal(),
                access.grants(),
                access.topics(),
                access.compactedTopics());
    }

    /** Principals ({@code User:fab-service}) the broker allowed {@code operation} (READ, WRITE) on {@code topic}. */
    @SuppressWarnings("unchecked")
    public static Set<String> principalsAllowed(String operation, String topic) {
        return (Set<String>) onHolder("allowed", new Class<?>[] {String.class, String.class}, operation, topic);
    }

    /** Principals the broker allowed {@code operation} (READ) on consumer group {@code group}. */
    @SuppressWarnings("unchecked")
    public static Set<String> principalsAllowedOnGroup(String operation, String group) {
        return (Set<String>) onHolder("allowedOnGroup", new Class<?>[] {String.class, String.class}, operation, group);
    }

    /** The client listener where every principal logs in (the super-user's listener when security is off). */
    public static String clientBootstrapServers() {
        return (String) onHolder("clientBootstrap", new Class<?>[0]);
    }

    private static Object onHolder(String method, Class<?>[] types, Object... args) {
        try {
            Class<?> holder = Class.forName(Holder.class.getName(), true, ClassLoader.getSystemClassLoader());
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(ClassLoader.getSystemClassLoader());
            try {
                return holder.getMethod(method, types).invoke(null, args);
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the test broker holder from the system class loader", e);
        }
    }

    /** Holds the broker; always used through the system class loader. */
    public static final class Holder {

        private static String bootstrap;
        private static String clientBootstrap;
        private static boolean secured;
        private static Admin admin;
        private static ScramLogins logins;
        private static String description;
        /** Strong references: a JUL logger that is collected forgets its level. */
        private static final java.util.List<java.util.logging.Logger> QUIETED = new java.util.ArrayList<>();

        private Holder() {}

        public static synchronized String bootstrap() {
            if (bootstrap == null) {
                quietLogging();
                long started = System.nanoTime();
                String mode = System.getProperty("kafka.test.mode", "auto").toLowerCase(Locale.ROOT);
                String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
                bootstrap = switch (mode) {
                    case "external" -> requireExternal(external);
                    case "embedded" -> startEmbedded();
                    case "container" -> startContainer();
                    case "auto" ->
                        external != null && !external.isBlank()
                                ? requireExternal(external)
                                : dockerAvailable() ? startContainer() : startEmbedded();
                    default ->
                        throw new IllegalStateException(
                                "kafka.test.mode must be auto, embedded, container or external, was " + mode);
                };
                if (clientBootstrap == null) {
                    clientBootstrap = bootstrap;
                }
                admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                logins = new ScramLogins(admin);
                System.out.printf(
                        "[test-kafka] %s broker at %s ready in %d ms%s%n",
                        description,
                        bootstrap,
                        (System.nanoTime() - started) / 1_000_000,
                        secured ? "; services log in with SCRAM-SHA-512 at " + clientBootstrap : "");
            }
            return bootstrap;
        }

        public static synchronized String clientBootstrap() {
            bootstrap();
            return clientBootstrap;
        }

        public static synchronized Map<String, String> grant(
                String principal, List<String> grants, List<String> topics, List<String> compacted) {
            bootstrap();
            if (!secured) {
                return Map.of("kafka.bootstrap.servers", clientBootstrap);
            }
            return logins.grant(principal, grants, topics, compacted, clientBootstrap);
        }

        public static Set<String> allowed(String operation, String topic) {
            return RecordingAuthorizer.allowed(operation, topic);
        }

        public static Set<String> allowedOnGroup(String operation, String group) {
            return RecordingAuthorizer.allowedOnGroup(operation, group);
        }

        /**
         * The in-JVM broker and clients log ~1,200 INFO lines a run; tests want their warnings only.
         * "No Docker" is the expected case where the embedded broker is used, and this class says
         * which broker runs, so Testcontainers' probe is silenced. (Quarkus tests set their own
         * levels on top.)
         */
        private static void quietLogging() {
            for (String name :
                    new String[] {"kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper"}) {
                java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
                logger.setLevel(java.util.logging.Level.WARNING);
                QUIETED.add(logger);
            }
            java.util.logging.Logger probe = java.util.logging.Logger.getLogger("org.testcontainers.dockerclient");
            probe.setLevel(java.util.logging.Level.OFF);
            QUIETED.add(probe);
        }

        private static String requireExternal(String external) {
            if (external == null || external.isBlank()) {
                throw new IllegalStateException("kafka.test.mode=external needs KAFKA_BOOTSTRAP_SERVERS");
            }
            description = "external";
            return external;
        }

        private static boolean dockerAvailable() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (Throwable e) {
                return false;
            }
        }

        private static String startContainer() {
            var container = new org.testcontainers.kafka.KafkaContainer("apache/kafka-native:4.1.2");
            try {
                container.start();
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "Testcontainers could not start Kafka (is Docker running?). "
                                + "Run with -Dkafka.test.mode=embedded to use the in-JVM broker.",
                        e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-kafka-container-stop"));
            description = "Testcontainers";
            return container.getBootstrapServers();
        }

        private static String startEmbedded() {
            secured = !"off".equalsIgnoreCase(System.getProperty("kafka.test.security", "on"));
            int[] ports = new int[2]; // the harness's listener, the client listener
            EmbeddedKafkaBroker broker = retry(() -> {
                ports[0] = freePort();
                ports[1] = freePort();
                return new EmbeddedKafkaBroker()
                        .withNodeId(1)
                        .withKafkaHost("127.0.0.1")
                        .withKafkaPort(ports[0])
                        .withControllerPort(freePort())
                        .withDeleteLogDirsOnClose(true)
                        .withAdditionalProperties(p -> {
                            singleNodeSettings(p);
                            if (secured) {
                                securitySettings(p, ports[0], ports[1]);
                            }
                        })
                        .start();
            });
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-stop"));
            description = secured ? "embedded KRaft (SASL/SCRAM, ACLs)" : "embedded KRaft (security off)";
            if (secured) {
                clientBootstrap = "127.0.0.1:" + ports[1];
            }
            return "127.0.0.1:" + ports[0];
        }

        /** A port found free can be taken by someone else before the broker binds it: try a few times. */
        private static EmbeddedKafkaBroker retry(Supplier<EmbeddedKafkaBroker> start) {
            RuntimeException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    return start.get();
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            throw new IllegalStateException(
                    "The embedded Kafka broker could not start on 127.0.0.1: " + last.getMessage(), last);
        }
    }

    /** Settings that matter on one node: small internal topics, no rebalance delay. */
    static void singleNodeSettings(Properties p) {
        p.put("offsets.topic.num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
    }

    /**
     * As the local run's broker (deploy/local/server.properties), plus the harness's own listener:
     * services and integrators log in with SCRAM-SHA-512 on the client listener; the tests (and the
     * broker itself, and its controller) use a loopback PLAINTEXT listener whose anonymous principal
     * is the super-user. No topic is created because a client asked for it.
     */
    static void securitySettings(Properties p, int harnessPort, int clientPort) {
        String controller = p.getProperty("listeners").replaceAll(".*(CONTROLLER://[^,]+).*", "$1");
        p.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + harnessPort + ",SASL_PLAINTEXT://127.0.0.1:" + clientPort + ","
                        + controller);
        p.put(
                "advertised.listeners",
                "PLAINTEXT://127.0.0.1:" + harnessPort + ",SASL_PLAINTEXT://127.0.0.1:" + clientPort);
        p.put(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.remove("security.inter.broker.protocol");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put(
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("authorizer.class.name", RecordingAuthorizer.class.getName());
        p.put("super.users", "User:ANONYMOUS");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("auto.create.topics.enable", "false");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }
}
