package io.terafab.campus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run ingest}: {@link IngestBench} twice in one run, security off then on, each round in
 * a JVM of its own with a fresh test broker (open: PLAINTEXT, no authorizer; secured: SCRAM-SHA-512
 * logins and ACLs for the four services and the traffic's producer, as production), so the second
 * round inherits neither the first one's topics nor its page cache of records. Each round prints its
 * phases as they end; the last line puts both rounds' figures together: issue 14's (security off)
 * first, then issue 15's cost of security, then every other figure of the open round and, prefixed
 * {@code secure_}, of the secured one.
 */
public final class IngestRounds {

    static final int DEFAULT_EVENTS = 200_000;
    static final int DEFAULT_SECONDS = 20;

    private IngestRounds() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_EVENTS;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_SECONDS;
        Map<String, String> open = round("off", events, seconds);
        Map<String, String> secured = round("on", events, seconds);
        System.out.println(combined(open, secured));
    }

    /** The last line of both rounds as one: the headline keys first, every other figure after them. */
    static String combined(Map<String, String> open, Map<String, String> secured) {
        Map<String, String> line = new LinkedHashMap<>();
        for (String key :
                List.of("applied_events_per_s", "raw_consume_events_per_s", "ratio", "p99_ms_at_5k", "p999_ms_at_5k")) {
            line.put(key, required(open, key, "security off"));
        }
        double appliedOpen = Double.parseDouble(line.get("applied_events_per_s"));
        double appliedSecured = Double.parseDouble(required(secured, "applied_events_per_s", "security on"));
        line.put("secure_applied_events_per_s", secured.get("applied_events_per_s"));
        line.put("secure_p99_ms_at_5k", required(secured, "p99_ms_at_5k", "security on"));
        line.put("secure_ratio", String.format(Locale.ROOT, "%.3f", appliedSecured / appliedOpen));
        open.forEach(line::putIfAbsent);
        secured.forEach((key, value) -> line.putIfAbsent("secure_" + key, value));
        StringBuilder text = new StringBuilder();
        line.forEach((key, value) ->
                text.append(text.isEmpty() ? "" : " ").append(key).append('=').append(value));
        return text.toString();
    }

    private static String required(Map<String, String> figures, String key, String round) {
        String value = figures.get(key);
        if (value == null) {
            throw new IllegalStateException("the round with " + round + " did not report " + key + ": " + figures);
        }
        return value;
    }

    /**
     * Runs one round as a child JVM with this JVM's options and class path, echoing its output, and
     * returns the figures of its last line.
     */
    private static Map<String, String> round(String security, int events, int seconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-Dkafka.test.security="))
                .forEach(command::add);
        command.add("-Dkafka.test.security=" + security);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(IngestBench.class.getName());
        command.add(Integer.toString(events));
        command.add(Integer.toString(seconds));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String last = "";
        try (BufferedReader out = process.inputReader()) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                System.out.println(line);
                if (!line.isBlank()) {
                    last = line;
                }
            }
        } finally {
            if (process.isAlive()) {
                process.destroy();
            }
        }
        int status = process.waitFor();
        if (status != 0) {
            throw new IllegalStateException("the round with security " + security + " failed (exit " + status + ")");
        }
        return figures(last);
    }

    /** {@code key=value key=value …} as a map, in order. */
    static Map<String, String> figures(String line) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String pair : line.strip().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalStateException("not a line of key=value figures: " + line);
            }
            figures.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return figures;
    }
}
