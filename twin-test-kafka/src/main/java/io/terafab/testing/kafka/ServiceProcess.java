package io.terafab.testing.kafka;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as its own process, as in
 * production: started, probed for readiness over HTTP on 127.0.0.1, stopped gracefully or killed
 * with SIGKILL to prove crash recovery. Its output goes to {@code target/<name>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> properties;
    private final Path log;
    private final KafkaAccess kafkaAccess;
    private Process process;

    private ServiceProcess(
            String name, Path jar, int port, Map<String, String> properties, Path log, KafkaAccess kafkaAccess) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.properties = properties;
        this.log = log;
        this.kafkaAccess = kafkaAccess;
    }

    /**
     * A service of the build, found under the folder named by the {@code twin.services.dir} system
     * property (the project root), on a free port, connected to the given broker. On the JVM's test
     * broker it logs in as its own principal, allowed what {@link KafkaAccess} reads from its
     * settings (its {@code application.properties} under the production profile, then
     * {@code extraProperties}), so a test that moves it onto its own topics or group moves its rights.
     */
    public static ServiceProcess of(String module, String bootstrapServers, Map<String, String> extraProperties) {
        return of(module, bootstrapServers, extraProperties, access -> {
            if (!bootstrapServers.equals(TestKafkaBroker.bootstrapServers())) {
                return Map.of();
            }
            return TestKafkaBroker.credentialsFor(access);
        });
    }

    /**
     * A service of the build on a {@link BrokerProcess}, logged in as its own principal on
     * {@code bootstrapServers}: the broker's client listener, or a proxy in front of one.
     */
    public static ServiceProcess on(
            BrokerProcess broker, String module, String bootstrapServers, Map<String, String> extraProperties) {
        return of(module, bootstrapServers, extraProperties, access -> broker.credentialsFor(access, bootstrapServers));
    }

    private static ServiceProcess of(
            String module,
            String bootstrapServers,
            Map<String, String> extraProperties,
            java.util.function.Function<KafkaAccess, Map<String, String>> credentials) {
        Path root = Path.of(System.getProperty("twin.services.dir", ".."));
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn verify builds them)");
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", bootstrapServers);
        props.put("quarkus.http.host", "127.0.0.1");
        props.putAll(extraProperties);
        Map<String, String> settings = packagedSettings(root.resolve(module));
        settings.putAll(props);
        KafkaAccess access = KafkaAccess.of(settings);
        props.putAll(credentials.apply(access));
        props.putAll(TestTokens.verificationSettings());
        int port = TestKafkaBroker.freePort();
        props.put("quarkus.http.port", String.valueOf(port));
        Path log = Path.of("target", module + ".log");
        return new ServiceProcess(module, jar, port, props, log, access);
    }

    private static Map<String, String> packagedSettings(Path moduleDir) {
        Properties file = new Properties();
        try (var in = Files.newBufferedReader(moduleDir.resolve("src/main/resources/application.properties"))) {
            file.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the settings of " + moduleDir, e);
        }
        return KafkaAccess.resolve(file, "prod");
    }

    /**
     * The memory settings of every service, as {@code deploy/twin} ({@code service_jvm}, where the
     * reasons are) and deploy/kubernetes ({@code JAVA_OPTS}) run it, so that tests keep the same
     * 250 MB resident budget: an 80 MB heap cap over a live set of 22-45 MB, a fixed young
     * generation, a small initial heap so that a full collection can give memory back, capped code
     * cache and metaspace, the native heap trimmed every 5 s. Options of
     * {@code twin.services.jvm-options} come after these and win.
     */
    static final List<String> MEMORY_OPTIONS = List.of(
            "-Xms32m",
            "-Xmx80m",
            "-Xmn16m",
            "-XX:+UseSerialGC",
            "-XX:ReservedCodeCacheSize=48m",
            "-XX:MaxMetaspaceSize=96m",
            "-XX:TrimNativeHeapInterval=5000");

    public ServiceProcess start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(MEMORY_OPTIONS);
        // extra JVM options for every service of this run, e.g. a flight recording while benchmarking
        String jvmOptions = System.getProperty("twin.services.jvm-options", "").replace("{name}", name);
        for (String option : jvmOptions.split("\\s+")) {
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        Path archive = classDataArchive();
        if (archive != null) {
            command.add("-XX:SharedArchiveFile=" + archive.getFileName());
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            // two malloc arenas instead of 8 per core: glibc keeps what each arena once held
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            if (archive != null) {
                // the archive names the jar by its path relative to quarkus-app: run from there
                builder.directory(jar.toAbsolutePath().getParent().toFile());
            }
            process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            log.toAbsolutePath().toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        return this;
    }

    /**
     * The service's class-data archive ({@code app-cds.jsa}, made by packaging it with
     * {@code -Dquarkus.package.jar.appcds.enabled=true}, as {@code bench/run chaos} does), or null
     * when there is none or it is older than the jar (a later package without it: the JVM would
     * refuse it). A start loads some 10,000 classes, and most of its time goes there on a busy
     * machine: scheduler-service restarted on a campus at load 12–23 was ready 12.4 s and 17.5 s
     * after the kill with the archive, 16.1 s and 29.8 s without.
     */
    private Path classDataArchive() {
        Path archive = jar.resolveSibling("app-cds.jsa");
        try {
            if (Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
                return archive;
            }
        } catch (IOException e) {
            // no archive to use
        }
        return null;
    }

    /** Waits until {@code /q/health/ready} answers UP. */
    public ServiceProcess awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log.toAbsolutePath());
    }

    public HttpResponse<String> get(String path) throws IOException {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(url(path))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** {@code Authorization: Bearer …} of an operator: a test's writes through the service's REST carry it. */
    public static String operatorAuthorization() {
        return "Bearer " + TestTokens.token("operator");
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** What the service may do on its broker, as read from its settings at {@link #of}: its principal, topics, groups. */
    public KafkaAccess kafkaAccess() {
        return kafkaAccess;
    }

    public int port() {
        return port;
    }

    /** The operating system's id of the running service (for CPU figures). */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not started");
        }
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no last snapshot. */
    public void kill9() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** SIGTERM: the service shuts down gracefully. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
