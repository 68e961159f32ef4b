package io.terafab.testing.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker run as its own JVM from the jars of {@code deploy/kafka-runtime}, with
 * the local run's {@code deploy/local/server.properties}, so a test can do to it what happens to a
 * real broker: {@code kill -9} it and start it again on its data, freeze it with {@code SIGSTOP}
 * and resume it with {@code SIGCONT}. Its output goes to {@code target/<name>.log}.
 *
 * <p>Secured as the local run's broker and the JVM's test broker: services log in with
 * SCRAM-SHA-512 on the client listener ({@link #clientBootstrapServers}) as their own principal,
 * made by {@link #credentialsFor} with the rights {@link KafkaAccess} reads from their settings; the
 * StandardAuthorizer denies everything else and creates no topic. The test's own clients (and the
 * broker, and its controller) use a loopback PLAINTEXT listener ({@link #bootstrapServers}) whose
 * anonymous principal is the super-user.
 *
 * <p>Properties given to {@link #of} are appended to the configuration and win over the local
 * run's (later keys win in a properties file). One more SASL listener may be advertised at another
 * address ({@link #withAdvertisedListener}), so that a client connecting through a proxy keeps
 * talking to the proxy after it read the cluster's metadata.
 */
public final class BrokerProcess implements AutoCloseable {

    private final String name;
    private final Path kafkaLib;
    private final Path serverTemplate;
    private final Path home;
    private final int port;
    private final int clientPort;
    private final int controllerPort;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, Integer> extraListeners = new LinkedHashMap<>();
    private final Map<String, String> advertisedExtra = new LinkedHashMap<>();
    private Process process;
    private boolean formatted;
    private Admin admin;
    private ScramLogins logins;

    private BrokerProcess(String name, Path root, Path home) {
        this.name = name;
        this.kafkaLib = root.resolve("deploy/kafka-runtime/target/lib");
        this.serverTemplate = root.resolve("deploy/local/server.properties");
        if (!Files.isDirectory(kafkaLib)) {
            throw new IllegalStateException(kafkaLib + " is missing: package deploy/kafka-runtime first");
        }
        this.home = home;
        this.port = TestKafkaBroker.freePort();
        this.clientPort = TestKafkaBroker.freePort();
        this.controllerPort = TestKafkaBroker.freePort();
    }

    /**
     * A broker of the build found under the {@code twin.services.dir} system property (the project
     * root), its data in a fresh folder under {@code target/}, on free ports of 127.0.0.1.
     */
    public static BrokerProcess of(String name, Map<String, String> extraProperties) {
        Path root = Path.of(System.getProperty("twin.services.dir", ".."));
        try {
            Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), name + "-");
            BrokerProcess broker = new BrokerProcess(name, root, home.toAbsolutePath());
            broker.properties.putAll(extraProperties);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One more SASL listener on a free port, advertised at {@code advertisedPort}: clients that
     * bootstrap through a proxy listening there stay on the proxy.
     */
    public BrokerProcess withAdvertisedListener(String listener, int advertisedPort) {
        extraListeners.put(listener, TestKafkaBroker.freePort());
        advertisedExtra.put(listener, "127.0.0.1:" + advertisedPort);
        return this;
    }

    /** The port the broker itself listens on for {@code listener}. */
    public int listenerPort(String listener) {
        return extraListeners.get(listener);
    }

    /** The super-user's listener, for the test's own clients. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The listener where services log in as their own principal. */
    public String clientBootstrapServers() {
        return "127.0.0.1:" + clientPort;
    }

    /**
     * Makes the principal of {@code access} (its SCRAM login, its ACLs, its topics when missing)
     * and returns the settings a service needs to log in as it on {@code bootstrap} (the client
     * listener, or a proxy in front of an advertised listener): {@code kafka.bootstrap.servers},
     * {@code kafka.security.protocol}, {@code kafka.sasl.mechanism} and {@code kafka.sasl.jaas.config}.
     */
    public synchronized Map<String, String> credentialsFor(KafkaAccess access, String bootstrap) {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
            logins = new ScramLogins(admin);
        }
        return logins.grant(access.principal(), access.grants(), access.topics(), access.compactedTopics(), bootstrap);
    }

    /** Formats the storage on first start; later starts run on the data already there. */
    public BrokerProcess start() {
        try {
            Path config = writeConfig();
            if (!formatted) {
                run(
                        "kafka.tools.StorageTool",
                        "format",
                        "--standalone",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        config.toString());
                formatted = true;
            }
            List<String> command = java("-Xmx512m", "-XX:+UseSerialGC", "kafka.Kafka", config.toString());
            Path log = Path.of("target", name + ".log");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            awaitPort(Duration.ofMinutes(3), log); // after a kill -9 it first recovers its logs
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker " + name, e);
        }
    }

    /** SIGKILL: no flush, no clean shutdown; the next {@link #start} recovers the log from disk. */
    public void kill9() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** SIGSTOP: the process keeps its sockets but answers nothing until {@link #resume}. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze}. */
    public void resume() {
        signal("CONT");
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the broker and removes its data. */
    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (process != null && process.isAlive()) {
            resume(); // a frozen broker cannot act on SIGTERM
            process.destroy();
            waitFor(Duration.ofSeconds(30));
        }
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the broker's data in " + home, e);
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path writeConfig() throws IOException {
        Path data = home.resolve("data");
        String template = Files.readString(serverTemplate)
                .replace("@KAFKA_PORT@", Integer.toString(port))
                .replace("@CONTROLLER_PORT@", Integer.toString(controllerPort))
                .replace("@DATA_DIR@", data.toString())
                // the template's admin login is not used: the super-user is the PLAINTEXT listener's
                .replace("@ADMIN_PASSWORD@", Uuid.randomUuid().toString());
        StringBuilder config = new StringBuilder(template)
                .append("\n# ")
                .append(getClass().getSimpleName())
                .append('\n');
        StringBuilder listeners = new StringBuilder("PLAINTEXT://127.0.0.1:" + port)
                .append(",SASL_PLAINTEXT://127.0.0.1:")
                .append(clientPort);
        StringBuilder advertised = new StringBuilder(listeners);
        StringBuilder protocols =
                new StringBuilder("PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        String scramServer = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
        config.append("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=")
                .append(scramServer)
                .append('\n');
        extraListeners.forEach((listener, p) -> {
            listeners.append(',').append(listener).append("://127.0.0.1:").append(p);
            advertised.append(',').append(listener).append("://").append(advertisedExtra.get(listener));
            protocols.append(',').append(listener).append(":SASL_PLAINTEXT");
            config.append("listener.name.")
                    .append(listener.toLowerCase(java.util.Locale.ROOT))
                    .append(".scram-sha-512.sasl.jaas.config=")
                    .append(scramServer)
                    .append('\n');
        });
        listeners.append(",CONTROLLER://127.0.0.1:").append(controllerPort);
        config.append("listeners=")
                .append(listeners)
                .append('\n')
                .append("advertised.listeners=")
                .append(advertised)
                .append('\n')
                .append("listener.security.protocol.map=")
                .append(protocols)
                .append('\n')
                .append("inter.broker.listener.name=PLAINTEXT\n")
                .append("super.users=User:ANONYMOUS\n");
        properties.forEach((k, v) -> config.append(k).append('=').append(v).append('\n'));
        Path file = home.resolve("server.properties");
        Files.writeString(file, config);
        return file;
    }

    private List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog4j2.configurationFile="
                        + serverTemplate.resolveSibling("log4j2.properties").toAbsolutePath(),
                "-Dterafab.twin.home=" + home,
                "-cp",
                kafkaLib.toAbsolutePath().resolve("*").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private void run(String mainClass, String... args) throws IOException {
        List<String> command = java(mainClass);
        command.addAll(List.of(args));
        Process tool = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Path.of("target", name + "-tools.log").toFile()))
                .start();
        try {
            if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                tool.destroyForcibly();
                throw new IllegalStateException(mainClass + " failed: see target/" + name + "-tools.log");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitPort(Duration timeout, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the broker exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep(250);
            }
        }
        throw new IllegalStateException("the broker did not open port " + port + " within " + timeout + "; see " + log);
    }

    private void waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
