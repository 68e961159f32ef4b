package io.terafab.campus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's own perf-test tools ({@code kafka-producer-perf-test}, {@code kafka-consumer-perf-test}),
 * run from the jars of {@code deploy/kafka-runtime} as separate JVMs, for the raw figures the
 * twin's ingest is compared with.
 */
final class KafkaPerfTools {

    private final Path kafkaLib;
    private final String bootstrap;

    KafkaPerfTools(Path kafkaLib, String bootstrap) {
        if (!Files.isDirectory(kafkaLib)) {
            throw new IllegalStateException(kafkaLib + " is missing: build deploy/kafka-runtime (bench/run does)");
        }
        this.kafkaLib = kafkaLib;
        this.bootstrap = bootstrap;
    }

    /** Records/s of {@code ProducerPerformance} writing {@code records} of {@code size} bytes at full speed. */
    double produce(String topic, int records, int size) throws IOException, InterruptedException {
        List<String> out = run(
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic",
                topic,
                "--num-records",
                Integer.toString(records),
                "--record-size",
                Integer.toString(size),
                "--throughput",
                "-1",
                "--producer-props",
                "bootstrap.servers=" + bootstrap,
                "acks=all",
                "linger.ms=5",
                "batch.size=65536");
        // last line: "N records sent, X records/sec (Y MB/sec), ..."
        String summary = out.stream()
                .filter(l -> l.contains("records sent"))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no summary from ProducerPerformance: " + out));
        return Double.parseDouble(summary.replaceAll("^.*records sent, ([0-9.]+) records/sec.*$", "$1"));
    }

    /**
     * Records/s of {@code ConsumerPerformance} reading {@code records} from the beginning, counted
     * over its fetch time (group join excluded, as the twin's catch-up rate excludes start-up).
     */
    double consume(String topic, int records) throws IOException, InterruptedException {
        List<String> out = run(
                "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server",
                bootstrap,
                "--topic",
                topic,
                "--messages",
                Integer.toString(records),
                "--timeout",
                "60000",
                "--group",
                "bench-raw-" + System.nanoTime());
        // header: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
        //         rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        String row = out.get(out.size() - 1);
        String[] cells = row.split(",\\s*");
        if (cells.length < 10) {
            throw new IllegalStateException("unexpected ConsumerPerformance output: " + out);
        }
        return Double.parseDouble(cells[9]);
    }

    private List<String> run(String mainClass, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                kafkaLib.resolve("*").toString(),
                mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var reader = process.inputReader()) {
            reader.lines()
                    .filter(l -> !l.isBlank() && !l.contains("WARN") && !l.startsWith("SLF4J"))
                    .forEach(lines::add);
        }
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(mainClass + " failed: " + lines);
        }
        return lines;
    }
}
