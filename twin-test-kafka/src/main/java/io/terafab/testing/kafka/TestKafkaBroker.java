package io.terafab.testing.kafka;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;

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
 * <p>Quarkus restarts its application (and class loader) between test classes with different
 * resources; the broker must outlive those restarts, so its holder is always loaded by the system
 * class loader and shared through it.
 */
public final class TestKafkaBroker {

    private TestKafkaBroker() {}

    /** Bootstrap servers of the JVM's broker, starting it if needed. */
    public static String bootstrapServers() {
        try {
            Class<?> holder = Class.forName(Holder.class.getName(), true, ClassLoader.getSystemClassLoader());
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(ClassLoader.getSystemClassLoader());
            try {
                return (String) holder.getMethod("bootstrap").invoke(null);
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
                System.out.printf(
                        "[test-kafka] %s broker at %s ready in %d ms%n",
                        description, bootstrap, (System.nanoTime() - started) / 1_000_000);
            }
            return bootstrap;
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
            EmbeddedKafkaBroker broker = retry(() -> new EmbeddedKafkaBroker()
                    .withNodeId(1)
                    .withKafkaHost("127.0.0.1")
                    .withKafkaPort(freePort())
                    .withControllerPort(freePort())
                    .withDeleteLogDirsOnClose(true)
                    .withAdditionalProperties(TestKafkaBroker::singleNodeSettings)
                    .start());
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-stop"));
            description = "embedded KRaft";
            return broker.getAdvertisedListeners().replace("PLAINTEXT://", "");
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

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }
}
