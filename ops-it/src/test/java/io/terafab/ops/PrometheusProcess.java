package io.terafab.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.testing.kafka.TestKafkaBroker;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server (the binary of Debian's {@code prometheus} package, or the one named by
 * {@code -Dprometheus.binary}) on a free 127.0.0.1 port, with its data in a fresh folder, and the
 * parts of its HTTP API a test needs. Its output goes to {@code <work>/prometheus.log}.
 */
final class PrometheusProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;

    private PrometheusProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The binary: {@code -Dprometheus.binary}, else {@code prometheus} on the PATH. */
    static Optional<Path> binary() {
        String configured = System.getProperty("prometheus.binary");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "prometheus"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts Prometheus with the given config text, its config and data under {@code work} (emptied first). */
    static PrometheusProcess start(Path binary, String config, Path work) {
        try {
            deleteRecursively(work);
            Files.createDirectories(work.resolve("data"));
            Path configFile = work.resolve("prometheus.yml");
            Files.writeString(configFile, config);
            int port = TestKafkaBroker.freePort();
            Path log = work.resolve("prometheus.log");
            Process process = new ProcessBuilder(
                            binary.toString(),
                            "--config.file=" + configFile,
                            "--storage.tsdb.path=" + work.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port,
                            "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new PrometheusProcess(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /** Waits until {@code /-/ready} answers 200 (config and rules loaded, TSDB open). */
    PrometheusProcess awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (send(HttpRequest.newBuilder(url("/-/ready")).GET()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            pause();
        }
        throw new IllegalStateException("prometheus not ready within " + timeout + "; see " + log);
    }

    /** An instant query: the API's whole answer ({@code status}, {@code data} or {@code errorType}/{@code error}). */
    JsonNode query(String promql) {
        String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        return json(HttpRequest.newBuilder(url("/api/v1/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Values of a label over the series a selector matches, as Grafana's {@code label_values} reads them. */
    List<String> labelValues(String label, String selector) {
        String path = "/api/v1/label/" + URLEncoder.encode(label, StandardCharsets.UTF_8) + "/values"
                + (selector == null ? "" : "?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        List<String> values = new ArrayList<>();
        json(HttpRequest.newBuilder(url(path)).GET()).path("data").forEach(v -> values.add(v.asText()));
        return values;
    }

    /** {@code GET /api/v1/<what>}, for example {@code rules} or {@code targets}. */
    JsonNode api(String what) {
        return json(HttpRequest.newBuilder(url("/api/v1/" + what)).GET());
    }

    private JsonNode json(HttpRequest.Builder request) {
        try {
            return JSON.readTree(send(request).body());
        } catch (IOException e) {
            throw new UncheckedIOException("prometheus did not answer; see " + log, e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path :
                    paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
