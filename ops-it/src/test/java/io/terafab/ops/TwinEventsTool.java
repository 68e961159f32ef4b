package io.terafab.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the integrators' tool as deploy/twin does: {@code java -XX:TieredStopAtLevel=1 -cp
 * 'deploy/kafka-runtime/target/lib/*' deploy/local/TwinEvents.java ARGS}, from source, as its own
 * process, with the given standard input.
 */
final class TwinEventsTool {

    /** The source launcher compiles the file first; a loaded 2-core box takes several seconds. */
    private static final long TIMEOUT_SECONDS = 120;

    private TwinEventsTool() {}

    /** What one run printed, and how it ended. */
    record Run(int exitCode, String stdout, String stderr) {

        /** The {@code key=value} fields of each {@code sent …} line of a publish run. */
        List<SentRecord> sent() {
            List<SentRecord> sent = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (line.startsWith("sent ")) {
                    sent.add(SentRecord.parse(line));
                }
            }
            return sent;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** One {@code sent topic=… partition=… offset=… key=… id=… type=… time=…} line. */
    record SentRecord(String topic, int partition, long offset, String key, String id, String type, String time) {

        static SentRecord parse(String line) {
            Map<String, String> fields = new HashMap<>();
            for (String field : line.substring("sent ".length()).split(" ")) {
                int eq = field.indexOf('=');
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
            return new SentRecord(
                    fields.get("topic"),
                    Integer.parseInt(fields.get("partition")),
                    Long.parseLong(fields.get("offset")),
                    fields.get("key"),
                    fields.get("id"),
                    fields.get("type"),
                    fields.get("time"));
        }
    }

    static Path source() {
        return TwinRepository.root().resolve("deploy/local/TwinEvents.java");
    }

    static Path kafkaLibraries() {
        Path lib = TwinRepository.root().resolve("deploy/kafka-runtime/target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: build deploy/kafka-runtime first (mvn package)");
        }
        return lib;
    }

    static Run run(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                kafkaLibraries() + "/*",
                source().toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<String> out = readAll(process.getInputStream());
            CompletableFuture<String> err = readAll(process.getErrorStream());
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "TwinEvents " + String.join(" ", args) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new Run(process.exitValue(), out.get(), err.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static CompletableFuture<String> readAll(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
