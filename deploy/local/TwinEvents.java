import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The integrators' command line: publishes JSON events to the twin with the CloudEvents envelope
 * filled in, and shows the dead-letter records of a topic with their reasons. One file, so
 * deploy/twin runs it from source against the Kafka libraries it already has:
 * {@code java -cp 'deploy/kafka-runtime/target/lib/*' deploy/local/TwinEvents.java COMMAND …}
 * (see {@link Usage}).
 *
 * <p>The tool never breaks the envelope on purpose: every record it sends carries all the
 * {@code ce_*} attributes. What it sends as data is the user's file, byte for byte (unless asked to
 * stamp a time field), so a broken payload reaches the twin as written and comes back in the
 * dead-letter topic with its reason.
 */
public class TwinEvents {

    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (UsageException e) {
            System.err.println("twin events: " + e.getMessage());
            System.err.println();
            System.err.print(Usage.of(args.length > 0 ? args[0] : "help"));
            status = 2;
        } catch (ToolException e) {
            System.err.println("twin events: " + e.getMessage());
            status = 1;
        }
        // no exit on success: a Ctrl-C of `dlq --follow` ends in a shutdown hook, where exit would block
        if (status != 0) {
            System.exit(status);
        }
    }

    static void run(String[] args) {
        Options options = Options.parse(args);
        String command = options.positionalIfAny(0).orElse("help");
        boolean help = options.flag("--help");
        switch (command) {
            case "publish" -> {
                if (help) {
                    System.out.print(Usage.PUBLISH + "\nTopics the twin reads (key field, types; the first type is the default):\n"
                            + InputTopics.describe());
                } else {
                    new Publish(options).run();
                }
            }
            case "dlq" -> {
                if (help) {
                    System.out.print(Usage.DLQ);
                } else {
                    new DeadLetters(options).run();
                }
            }
            case "topics" -> System.out.print(help ? Usage.TOPICS : InputTopics.describe());
            case "help" -> System.out.print(Usage.TEXT);
            default -> throw new UsageException("unknown command " + command);
        }
    }
}

/** What the tool does and how to call it. */
final class Usage {

    static final String PUBLISH = """
            publish TOPIC [FILE] [options]
              Sends the JSON events of FILE (or standard input) to TOPIC in CloudEvents binary mode:
              one object per line, or whole objects one after another (a pretty-printed one is fine).
              The data is sent as written (unless --stamp). Input that is not JSON is sent too (one
              event per line, or all of it as one event when no line is JSON), so the twin can
              dead-letter it.
              Prints each record sent: topic, partition, offset, key, id, type, time.
              --key KEY          Kafka key and ce_subject (default: the topic's key field of each event)
              --id ID            ce_id of a single event (default: a random UUID per event)
              --type TYPE        ce_type (default: the topic's current type, the first listed by `topics`)
              --source SOURCE    ce_source (default: urn:terafab:integrator:cli)
              --time RFC3339     ce_time (default: the twin's simulated time, read from a running service's
                                 terafab_twin_simulated_time_seconds; the wall clock, with a warning, when
                                 no service answers)
              --stamp FIELD      also write ce_time into the payload's FIELD (e.g. at), so an observation
                                 carries the twin's time as it is sent; such an event is sent re-written
              --clock URL        a service's /q/metrics to read the simulated time from; repeatable
                                 (default: http://127.0.0.1:8081/q/metrics to :8084)
              --bootstrap HOST:PORT  the Kafka broker (default: 127.0.0.1:9092)
              --command-config FILE  Kafka client properties to log in with (security.protocol, sasl.*;
                                 deploy/twin passes its own integrator's, `deploy/twin integrator add` prints one)
            """;

    static final String DLQ = """
            dlq TOPIC [--key KEY] [--follow] [--max N] [--bootstrap HOST:PORT]
              Shows the dead-letter records of TOPIC (named TOPIC or TOPIC.dlq) from the beginning:
              when each was dead-lettered, its original topic/partition@offset, ce_id, ce_type, key,
              the reason and the first 200 bytes of the payload. Ends after the records present now,
              unless --follow (Ctrl-C ends it); --max N stops after N records; --key KEY shows only
              the records of that key (one entity's).
            """;

    static final String TOPICS = """
            topics
              Lists the topics the twin reads: name, key field, event types (the first is the default).
            """;

    static final String TEXT = "Usage: TwinEvents COMMAND …\n\n" + PUBLISH + "\n" + DLQ + "\n" + TOPICS;

    /** The usage of one command, or of all. */
    static String of(String command) {
        return switch (command) {
            case "publish" -> PUBLISH;
            case "dlq" -> DLQ;
            case "topics" -> TOPICS;
            default -> TEXT;
        };
    }

    private Usage() {
    }
}

/** The user called the tool wrongly: say why, then how to call it. */
class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}

/** The tool could not do what was asked (no broker, no such file, …): say why. */
class ToolException extends RuntimeException {
    ToolException(String message) {
        super(message);
    }
}

/** Positional arguments and {@code --name value} / {@code --flag} options; a later option wins. */
final class Options {

    private static final List<String> FLAGS = List.of("--follow", "--help");
    private static final List<String> VALUED = List.of("--key", "--id", "--type", "--source", "--time", "--stamp",
            "--clock", "--bootstrap", "--max", "--command-config");

    private final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> values = new HashMap<>();

    static Options parse(String[] args) {
        Options options = new Options();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h")) {
                arg = "--help";
            }
            if (FLAGS.contains(arg)) {
                options.values.computeIfAbsent(arg, k -> new ArrayList<>()).add("true");
            } else if (VALUED.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                options.values.computeIfAbsent(arg, k -> new ArrayList<>()).add(args[++i]);
            } else if (arg.startsWith("--")) {
                throw new UsageException("unknown option " + arg);
            } else {
                options.positional.add(arg);
            }
        }
        return options;
    }

    String positional(int index, String what) {
        if (index >= positional.size()) {
            throw new UsageException("missing " + what);
        }
        return positional.get(index);
    }

    Optional<String> positionalIfAny(int index) {
        return index < positional.size() ? Optional.of(positional.get(index)) : Optional.empty();
    }

    void allowAtMost(int count) {
        if (positional.size() > count) {
            throw new UsageException("unexpected argument " + positional.get(count));
        }
    }

    Optional<String> value(String name) {
        List<String> all = values.get(name);
        return all == null ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String bootstrap() {
        return value("--bootstrap").orElse("127.0.0.1:9092");
    }

    /** The broker's address and, with --command-config, the login: settings every client of the tool starts from. */
    Map<String, Object> kafka() {
        Map<String, Object> config = new HashMap<>();
        value("--command-config").ifPresent(file -> {
            java.util.Properties login = new java.util.Properties();
            try (var in = Files.newBufferedReader(Path.of(file))) {
                login.load(in);
            } catch (IOException e) {
                throw new ToolException("cannot read the client properties " + file + ": " + e.getMessage());
            }
            login.stringPropertyNames().forEach(k -> config.put(k, login.getProperty(k)));
        });
        config.put("bootstrap.servers", bootstrap());
        return config;
    }
}

/**
 * The topics the twin's services read, with the payload field that is the Kafka key and the
 * versioned types each carries (the first is the one sent by default). Mirrors twin-contract's
 * Topics, EventTypes and the "(Kafka key)" of each payload record; ops-it's TwinEventsToolIT
 * checks it against them and against the services' incoming channels.
 */
final class InputTopics {

    record InputTopic(String topic, String keyField, List<String> types) {

        String defaultType() {
            return types.get(0);
        }
    }

    private static final Map<String, InputTopic> BY_NAME = new LinkedHashMap<>();

    static {
        // written by integrators
        add("sensor.tool-telemetry", "toolId", "io.terafab.sensor.tool-telemetry-reported.v1");
        add("sensor.meter-readings", "meterId", "io.terafab.sensor.meter-reading-reported.v1");
        add("sensor.accelerator-health", "acceleratorId", "io.terafab.sensor.accelerator-health-reported.v1");
        add("jobs.requests", "jobId", "io.terafab.jobs.job-submitted.v1",
                "io.terafab.jobs.job-cancellation-requested.v1");
        // written by the services for each other; publishing here plays one service's part
        add("fab.wafer-outs", "lotId", "io.terafab.fab.wafer-out-recorded.v1");
        add("fab.power-draw", "consumer", "io.terafab.fab.power-draw-reported.v1");
        add("dc.power-draw", "consumer", "io.terafab.dc.power-draw-reported.v1");
        add("power.budget", "consumer", "io.terafab.power.budget-issued.v1");
        add("cluster.capacity-requests", "requestId", "io.terafab.scheduler.capacity-requested.v1");
        add("chips.allocations", "requestId", "io.terafab.chips.accelerators-allocated.v1");
        add("chips.removals", "rackId", "io.terafab.chips.accelerators-removed.v1");
        add("fab.forecasts", "fab", "io.terafab.fab.forecast-published.v1");
        add("chips.availability", "fab", "io.terafab.chips.accelerator-availability-published.v1");
        add("jobs.events", "jobId", "io.terafab.jobs.job-queued.v1", "io.terafab.jobs.job-started.v1",
                "io.terafab.jobs.job-preempted.v1", "io.terafab.jobs.job-paused.v1",
                "io.terafab.jobs.job-resumed.v1", "io.terafab.jobs.job-completed.v1",
                "io.terafab.jobs.job-failed.v1", "io.terafab.jobs.job-cancelled.v1");
        // operators' commands: only the service itself writes them (from its REST), the broker refuses anyone else
        add("chips.commands", "acceleratorId", "io.terafab.chips.accelerator-return-requested.v1",
                "io.terafab.chips.accelerator-scrap-requested.v1");
        add("power.commands", "site", "io.terafab.power.import-cap-change-requested.v1");
    }

    private InputTopics() {
    }

    private static void add(String topic, String keyField, String... types) {
        BY_NAME.put(topic, new InputTopic(topic, keyField, List.of(types)));
    }

    static InputTopic named(String topic) {
        InputTopic found = BY_NAME.get(topic);
        if (found == null) {
            throw new ToolException("the twin reads no topic " + topic + "; it reads " + String.join(", ", BY_NAME.keySet()));
        }
        return found;
    }

    /** One line per topic: name, key field, types (default first). */
    static String describe() {
        StringBuilder text = new StringBuilder();
        for (InputTopic t : BY_NAME.values()) {
            text.append(String.format("%-27s %-14s %s%n", t.topic(), t.keyField(), String.join(",", t.types())));
        }
        return text.toString();
    }
}

/** One event of the input: its text as written, and its JSON tree when it is JSON. */
record InputEvent(int number, String text, JsonNode json) {

    byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The event as compact JSON with a text field set (added or replaced), when it is a JSON object. */
    Optional<byte[]> withField(String name, String value) {
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        ObjectNode copy = ((ObjectNode) json).deepCopy();
        copy.put(name, value);
        return Optional.of(copy.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The value of a top-level field (the key field), when the event is a JSON object that has it as a scalar. */
    Optional<String> field(String name) {
        if (json == null || !json.isObject()) {
            return Optional.empty();
        }
        JsonNode value = json.get(name);
        return value == null || !value.isValueNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}

/**
 * Splits the input into events. JSON values one after another (JSON Lines, or pretty-printed
 * objects) are taken whole, each sent as the text the user wrote. Input that is not such a
 * sequence is one event per non-blank line, or, when no line is JSON either, one event of all of
 * it: a malformed document is sent once, for the twin to reject, rather than line by line.
 */
final class InputSplitter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InputSplitter() {
    }

    static List<InputEvent> split(String input) {
        if (input.isBlank()) {
            return List.of();
        }
        try {
            return jsonValues(input);
        } catch (IOException notASequenceOfJsonValues) {
            List<InputEvent> lines = new ArrayList<>();
            for (String line : input.split("\r?\n")) {
                if (!line.isBlank()) {
                    lines.add(new InputEvent(lines.size() + 1, line.strip(), jsonOrNull(line)));
                }
            }
            if (lines.size() > 1 && lines.stream().allMatch(e -> e.json() == null)) {
                return List.of(new InputEvent(1, input.strip(), null));
            }
            return lines;
        }
    }

    private static List<InputEvent> jsonValues(String input) throws IOException {
        List<InputEvent> events = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(input)) {
            while (parser.nextToken() != null) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                JsonNode value = JSON.readTree(parser);
                int end = (int) parser.currentLocation().getCharOffset();
                events.add(new InputEvent(events.size() + 1, input.substring(start, end).strip(), value));
            }
        }
        return events;
    }

    private static JsonNode jsonOrNull(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

/**
 * The twin's simulated time, read from a running service's {@code /q/metrics}
 * ({@code terafab_twin_simulated_time_seconds} and {@code terafab_twin_clock_speed}) and carried
 * forward at the twin's speed, so every event of a long file gets the simulated time it is sent at.
 */
final class TwinTime {

    private static final String SIMULATED_TIME = "terafab_twin_simulated_time_seconds";
    private static final String CLOCK_SPEED = "terafab_twin_clock_speed";
    static final List<String> DEFAULT_METRICS = List.of("http://127.0.0.1:8081/q/metrics",
            "http://127.0.0.1:8082/q/metrics", "http://127.0.0.1:8083/q/metrics", "http://127.0.0.1:8084/q/metrics");

    private final Instant simulatedAtRead;
    private final long wallNanosAtRead;
    private final double speed;

    private TwinTime(Instant simulatedAtRead, double speed) {
        this.simulatedAtRead = simulatedAtRead;
        this.wallNanosAtRead = System.nanoTime();
        this.speed = speed;
    }

    /** The twin's clock from the first service that answers, or the wall clock with a warning. */
    static TwinTime read(List<String> metricsUrls, PrintStream warnings) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (String url : metricsUrls) {
            Optional<TwinTime> time = readFrom(http, url);
            if (time.isPresent()) {
                return time.get();
            }
        }
        warnings.println("warning: no twin service answered with " + SIMULATED_TIME + " at "
                + String.join(", ", metricsUrls) + ": ce_time is the wall clock's time, not the twin's simulated time"
                + " (is the campus up? or give --time)");
        return new TwinTime(Instant.now(), 1);
    }

    private static Optional<TwinTime> readFrom(HttpClient http, String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            Optional<Double> seconds = sample(response.body(), SIMULATED_TIME);
            return seconds.map(s -> new TwinTime(Instant.ofEpochMilli(Math.round(s * 1000)),
                    sample(response.body(), CLOCK_SPEED).orElse(1.0)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The value of the first sample of a metric in Prometheus's text format. */
    private static Optional<Double> sample(String exposition, String metric) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                String[] fields = line.trim().split("\\s+");
                try {
                    return Optional.of(Double.parseDouble(fields[fields.length - 1]));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Milliseconds, as the services' own events carry. */
    Instant now() {
        long simulatedNanos = Math.round((System.nanoTime() - wallNanosAtRead) * speed);
        return simulatedAtRead.plusNanos(simulatedNanos).truncatedTo(ChronoUnit.MILLIS);
    }
}

/** {@code publish TOPIC [FILE]}: the events of the input, each with a full envelope. */
final class Publish {

    static final String DEFAULT_SOURCE = "urn:terafab:integrator:cli";

    private final Options options;

    Publish(Options options) {
        this.options = options;
    }

    void run() {
        options.allowAtMost(3);
        InputTopics.InputTopic topic = InputTopics.named(options.positional(1, "the topic to publish to"));
        String type = options.value("--type").orElse(topic.defaultType());
        if (!topic.types().contains(type)) {
            System.err.println("warning: " + topic.topic() + " carries " + String.join(" and ", topic.types())
                    + ", not " + type + ": the twin will dead-letter it as unsupported-type");
        }
        String source = options.value("--source").orElse(DEFAULT_SOURCE);
        Optional<Instant> fixedTime = options.value("--time").map(Publish::rfc3339);
        Optional<String> stamp = options.value("--stamp");
        List<InputEvent> events = InputSplitter.split(readInput(options.positionalIfAny(2)));
        if (events.isEmpty()) {
            throw new UsageException("no event in the input: give a FILE, or JSON on standard input");
        }
        if (options.value("--id").isPresent() && events.size() > 1) {
            throw new UsageException("--id names one event, but the input has " + events.size());
        }
        for (InputEvent event : events) {
            if (event.json() == null) {
                System.err.println("warning: event " + event.number() + " is not JSON; sent as written, the twin"
                        + " will dead-letter it as malformed");
            }
        }
        Supplier<Instant> clock = fixedTime.isPresent() ? fixedTime::get
                : TwinTime.read(options.all("--clock").isEmpty() ? TwinTime.DEFAULT_METRICS : options.all("--clock"),
                        System.err)::now;
        try (KafkaProducer<String, byte[]> producer = producer(options.kafka())) {
            List<Sent> sent = new ArrayList<>();
            for (InputEvent event : events) {
                String key = options.value("--key").or(() -> event.field(topic.keyField())).orElse(null);
                if (key == null) {
                    System.err.println("warning: event " + event.number() + " has no " + topic.keyField()
                            + ": sent without a key (give --key to set one)");
                }
                String id = options.value("--id").orElseGet(() -> UUID.randomUUID().toString());
                Instant time = clock.get();
                Headers headers = envelope(id, type, source, time, key);
                byte[] data = stamp.map(field -> stamped(event, field, time)).orElseGet(event::bytes);
                Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic.topic(), null, key, data, headers));
                sent.add(new Sent(ack, id, type, key, time));
            }
            for (Sent s : sent) {
                RecordMetadata where = awaitAck(s.ack(), options.bootstrap());
                System.out.printf("sent topic=%s partition=%d offset=%d key=%s id=%s type=%s time=%s%n", where.topic(),
                        where.partition(), where.offset(), s.key() == null ? "-" : s.key(), s.id(), s.type(), s.time());
            }
        } catch (KafkaException e) {
            throw new ToolException("cannot publish to Kafka at " + options.bootstrap() + ": " + e.getMessage());
        }
    }

    private record Sent(Future<RecordMetadata> ack, String id, String type, String key, Instant time) {
    }

    /** The event with its time field set to the envelope's time; one that is not a JSON object as written. */
    private static byte[] stamped(InputEvent event, String field, Instant time) {
        return event.withField(field, time.toString()).orElseGet(() -> {
            System.err.println("warning: event " + event.number() + " is not a JSON object: sent as written, without "
                    + field);
            return event.bytes();
        });
    }

    private static Headers envelope(String id, String type, String source, Instant time, String key) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", utf8("1.0"));
        headers.add("ce_id", utf8(id));
        headers.add("ce_type", utf8(type));
        headers.add("ce_source", utf8(source));
        headers.add("ce_time", utf8(time.toString()));
        if (key != null) {
            headers.add("ce_subject", utf8(key));
        }
        return headers;
    }

    private static KafkaProducer<String, byte[]> producer(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "twin-events-cli");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // an oversized payload must reach the twin to be rejected there (the topics take 16 MiB)
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        // fail within seconds, not a minute, when the campus is not up
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static RecordMetadata awaitAck(Future<RecordMetadata> ack, String bootstrap) {
        try {
            return ack.get();
        } catch (ExecutionException e) {
            throw new ToolException("Kafka at " + bootstrap + " did not take the event: " + e.getCause().getMessage()
                    + " (is the campus up? deploy/twin up -d)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted");
        }
    }

    private static String readInput(Optional<String> file) {
        try {
            if (file.isEmpty() || file.get().equals("-")) {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file.get()));
        } catch (NoSuchFileException e) {
            throw new ToolException("no file " + file.get());
        } catch (IOException e) {
            throw new ToolException("cannot read " + file.orElse("standard input") + ": " + e.getMessage());
        }
    }

    private static Instant rfc3339(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("--time must be an RFC 3339 time such as 2027-01-01T08:00:00Z, was " + text);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

/** {@code dlq TOPIC}: the dead-letter records of a topic, oldest first, with their reasons. */
final class DeadLetters {

    static final int PAYLOAD_PREVIEW_BYTES = 200;
    private static final Duration POLL = Duration.ofMillis(500);

    private final Options options;

    DeadLetters(Options options) {
        this.options = options;
    }

    void run() {
        options.allowAtMost(2);
        String named = options.positional(1, "the topic whose dead letters to show");
        String topic = named.endsWith(".dlq") ? named : named + ".dlq";
        long max = options.value("--max").map(DeadLetters::positiveCount).orElse(Long.MAX_VALUE);
        boolean follow = options.flag("--follow");
        Optional<String> key = options.value("--key");
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(options.kafka())) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = follow ? Map.of() : consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Thread main = Thread.currentThread();
            Thread stop = new Thread(() -> {
                consumer.wakeup();
                joinQuietly(main);
            });
            if (follow) {
                Runtime.getRuntime().addShutdownHook(stop);
            }
            long shown = 0;
            try {
                while (shown < max && (follow || !reachedEnd(consumer, end))) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        boolean present = follow || record.offset() < end.get(partitionOf(record));
                        if (shown < max && present && key.map(k -> k.equals(keyOf(record))).orElse(true)) {
                            System.out.print(describe(record));
                            shown++;
                        }
                    }
                    System.out.flush();
                }
            } catch (WakeupException stopped) {
                // Ctrl-C while following: end quietly
            }
            System.out.printf("%d dead-letter record%s shown from %s%n", shown, shown == 1 ? "" : "s", topic);
        } catch (KafkaException e) {
            throw new ToolException("cannot read " + topic + " from Kafka at " + options.bootstrap() + ": " + e.getMessage());
        }
    }

    private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new ToolException("Kafka at " + options.bootstrap() + " did not answer within 10 s"
                    + " (is the campus up? deploy/twin up -d)");
        }
        if (partitions == null || partitions.isEmpty()) {
            throw new ToolException("no topic " + topic + " on Kafka at " + options.bootstrap());
        }
        return partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /** A dead-letter record in four lines: where it came from, its envelope, the reason, its data. */
    static String describe(ConsumerRecord<byte[], byte[]> record) {
        String origin = header(record, "dead-letter-topic").orElse("?") + "/"
                + header(record, "dead-letter-partition").orElse("?") + "@" + header(record, "dead-letter-offset").orElse("?");
        String service = header(record, "dead-letter-service").map(s -> " by " + s).orElse("");
        return String.format("%s  %s%s%n  id=%s type=%s key=%s%n  reason: %s%n  payload: %s%n",
                Instant.ofEpochMilli(record.timestamp()), origin, service,
                header(record, "ce_id").orElse("-"), header(record, "ce_type").orElse("-"),
                record.key() == null ? "-" : keyOf(record),
                header(record, "dead-letter-reason").orElse("(no dead-letter-reason header)"),
                preview(record.value()));
    }

    private static String keyOf(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    /** The first bytes of the payload on one line, its size when cut. */
    static String preview(byte[] payload) {
        if (payload == null) {
            return "(none)";
        }
        int shown = Math.min(payload.length, PAYLOAD_PREVIEW_BYTES);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(payload, 0, shown)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not fail", e);
        }
        String oneLine = text.chars().mapToObj(c -> c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                : c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c)).collect(Collectors.joining());
        return shown < payload.length ? oneLine + "… (" + payload.length + " bytes)" : oneLine;
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "twin-dlq-cli");
        // no group: the viewer reads, and must not move anyone's offsets nor create topics
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static long positiveCount(String text) {
        try {
            long n = Long.parseLong(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--max must be a whole number above 0, was " + text);
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
