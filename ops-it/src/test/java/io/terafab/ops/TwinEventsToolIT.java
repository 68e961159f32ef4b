package io.terafab.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.terafab.contract.EventTypes;
import io.terafab.contract.Topics;
import io.terafab.ops.TwinEventsTool.Run;
import io.terafab.ops.TwinEventsTool.SentRecord;
import io.terafab.testing.kafka.CloudEventRecords;
import io.terafab.testing.kafka.TestKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integrators' tool (deploy/local/TwinEvents.java, behind {@code deploy/twin publish} and
 * {@code deploy/twin dlq}) run from source as its own process against a real broker: what it
 * publishes is read back with a plain consumer, header by header; what it shows of a dead-letter
 * topic is checked against records written there; and its table of topics, keys and types is
 * checked against twin-contract and the topics the services actually read.
 */
class TwinEventsToolIT {

    private static final String TELEMETRY = Topics.SENSOR_TOOL_TELEMETRY;
    /** 2027-03-04T05:06:07Z, as a running service's metrics would show the twin's clock. */
    private static final Instant SIMULATED_NOW = Instant.parse("2027-03-04T05:06:07Z");

    private static final double SPEED = 60;

    private final String bootstrap = TestKafkaBroker.bootstrapServers();
    private HttpServer metrics;

    /** The broker creates no topic on its own (issue 15): the tool publishes to topics the campus made. */
    @BeforeAll
    static void createTheTopicsTheToolWritesAndReads() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafkaBroker.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Stream.of(
                            TELEMETRY,
                            Topics.SENSOR_METER_READINGS,
                            Topics.SENSOR_ACCELERATOR_HEALTH,
                            Topics.deadLetters(Topics.SENSOR_ACCELERATOR_HEALTH),
                            Topics.JOBS_REQUESTS,
                            Topics.JOBS_EVENTS,
                            Topics.POWER_GRID_STATE)
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, 3, (short) 1))
                    .toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void stopMetrics() {
        if (metrics != null) {
            metrics.stop(0);
        }
    }

    @Test
    void publishedEventCarriesTheWholeEnvelopeTheTwinsSimulatedTimeAndItsToolAsKey() {
        AtomicInteger scrapes = new AtomicInteger();
        String clock = serveTwinMetrics(scrapes);
        String event = "{\"toolId\":\"etch-1.1\",\"state\":\"DOWN\",\"at\":\"2027-03-04T05:00:00Z\"}";
        long started = System.nanoTime();

        Run run = TwinEventsTool.run(event + "\n", "publish", TELEMETRY, "--bootstrap", bootstrap, "--clock", clock);

        double wallSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).as("no warning when a service tells the time").doesNotContain("warning");
        assertThat(scrapes).as("the metrics endpoint was asked for the time").hasPositiveValue();
        SentRecord sent = single(run);
        ConsumerRecord<String, byte[]> record = recordAt(sent);

        assertThat(record.key()).isEqualTo("etch-1.1");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(event);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isEqualTo(sent.id());
        assertThat(UUID.fromString(header(record, "ce_id")).version())
                .as("a random UUID")
                .isEqualTo(4);
        assertThat(header(record, "ce_type"))
                .isEqualTo(EventTypes.TOOL_TELEMETRY_REPORTED)
                .isEqualTo(sent.type());
        assertThat(header(record, "ce_source")).isEqualTo("urn:terafab:integrator:cli");
        assertThat(header(record, "ce_subject")).isEqualTo("etch-1.1");
        Instant time = OffsetDateTime.parse(header(record, "ce_time")).toInstant();
        assertThat(time)
                .as("the twin's simulated time, carried forward at its speed")
                .isBetween(SIMULATED_NOW, SIMULATED_NOW.plusSeconds((long) Math.ceil(wallSeconds * SPEED)));
        assertThat(sent.time()).isEqualTo(header(record, "ce_time"));
        assertThat(sent.key()).isEqualTo("etch-1.1");
        assertThat(sent.topic()).isEqualTo(TELEMETRY);
    }

    @Test
    void everyObjectOfAJsonLinesFileIsOneEventKeyedByItsOwnEntity(@TempDir Path folder) throws IOException {
        String first =
                "{\"meterId\":\"meter-grid-1\",\"asset\":\"grid\",\"quantity\":\"grid-import-limit\",\"value\":200,"
                        + "\"at\":\"2027-01-01T08:00:00Z\"}";
        String second =
                "{\"meterId\":\"meter-solar-1\",\"asset\":\"solar-1\",\"quantity\":\"solar-output\",\"value\":80,"
                        + "\"at\":\"2027-01-01T08:00:00Z\"}";
        Path file = folder.resolve("readings.jsonl");
        Files.writeString(file, first + "\n\n" + second + "\n");

        Run run = TwinEventsTool.run(
                "",
                "publish",
                Topics.SENSOR_METER_READINGS,
                file.toString(),
                "--bootstrap",
                bootstrap,
                "--time",
                "2027-01-01T08:00:00Z");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<SentRecord> sent = run.sent();
        assertThat(sent).hasSize(2);
        assertThat(sent).extracting(SentRecord::id).doesNotHaveDuplicates();
        Map<String, String> valueByKey = new LinkedHashMap<>();
        for (SentRecord s : sent) {
            ConsumerRecord<String, byte[]> record = recordAt(s);
            valueByKey.put(record.key(), new String(record.value(), StandardCharsets.UTF_8));
            assertThat(header(record, "ce_type")).isEqualTo(EventTypes.METER_READING_REPORTED);
            assertThat(header(record, "ce_time")).isEqualTo("2027-01-01T08:00:00Z");
        }
        assertThat(valueByKey).containsExactly(Map.entry("meter-grid-1", first), Map.entry("meter-solar-1", second));
    }

    @Test
    void aPrettyPrintedObjectIsOneEventSentAsWrittenWithTheOptionsGiven() {
        String cancellation = """
                {
                  "jobId": "job-43",
                  "reason": "the tenant asked"
                }""";

        Run run = TwinEventsTool.run(
                cancellation + "\n",
                "publish",
                Topics.JOBS_REQUESTS,
                "--bootstrap",
                bootstrap,
                "--type",
                EventTypes.JOB_CANCELLATION_REQUESTED,
                "--id",
                "job-43-cancel-1",
                "--source",
                "my-integrator",
                "--time",
                "2027-02-03T04:05:06+01:00");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        ConsumerRecord<String, byte[]> record = recordAt(single(run));
        assertThat(record.key()).isEqualTo("job-43");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(cancellation);
        assertThat(header(record, "ce_type")).isEqualTo(EventTypes.JOB_CANCELLATION_REQUESTED);
        assertThat(header(record, "ce_id")).isEqualTo("job-43-cancel-1");
        assertThat(header(record, "ce_source")).isEqualTo("my-integrator");
        assertThat(OffsetDateTime.parse(header(record, "ce_time")).toInstant())
                .isEqualTo(Instant.parse("2027-02-03T03:05:06Z"));
    }

    @Test
    void stampWritesTheEnvelopesTimeIntoThePayloadsTimeField() throws IOException {
        Run run = TwinEventsTool.run(
                "{\"toolId\": \"etch-1.3\", \"state\": \"UP\"}\n",
                "publish",
                TELEMETRY,
                "--bootstrap",
                bootstrap,
                "--time",
                "2027-05-06T07:08:09Z",
                "--stamp",
                "at");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        ConsumerRecord<String, byte[]> record = recordAt(single(run));
        JsonNode payload = new ObjectMapper().readTree(record.value());
        assertThat(payload.path("at").asText())
                .isEqualTo("2027-05-06T07:08:09Z")
                .isEqualTo(header(record, "ce_time"));
        assertThat(payload.path("toolId").asText()).isEqualTo("etch-1.3");
        assertThat(payload.path("state").asText()).isEqualTo("UP");
        assertThat(payload.size()).isEqualTo(3);
    }

    @Test
    void withoutARunningServiceTheTimeIsTheWallClocksAndTheToolSaysSo() {
        String nobodyListens = "http://127.0.0.1:" + TestKafkaBroker.freePort() + "/q/metrics";
        Instant before = Instant.now().minusSeconds(1);

        Run run = TwinEventsTool.run(
                "{\"toolId\":\"etch-1.2\",\"state\":\"UP\",\"at\":\"2027-01-01T00:00:00Z\"}",
                "publish",
                TELEMETRY,
                "--bootstrap",
                bootstrap,
                "--clock",
                nobodyListens);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("warning: no twin service answered").contains(nobodyListens);
        Instant time =
                OffsetDateTime.parse(header(recordAt(single(run)), "ce_time")).toInstant();
        assertThat(time).isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void inputThatIsNotJsonIsSentAsWrittenWithAFullEnvelopeForTheTwinToDeadLetter() {
        Run run = TwinEventsTool.run(
                "{\"toolId\": \"etch-1.1\", \"state\": DOWN\n",
                "publish",
                TELEMETRY,
                "--bootstrap",
                bootstrap,
                "--key",
                "etch-1.1",
                "--time",
                "2027-01-01T00:00:00Z");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("event 1 is not JSON");
        ConsumerRecord<String, byte[]> record = recordAt(single(run));
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"toolId\": \"etch-1.1\", \"state\": DOWN");
        assertThat(record.key()).isEqualTo("etch-1.1");
        for (String name : List.of("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "ce_subject")) {
            assertThat(header(record, name)).as(name).isNotBlank();
        }
    }

    @Test
    void aTopicTheTwinDoesNotReadIsRefusedNamingTheOnesItReads() {
        Run run = TwinEventsTool.run(
                "{\"site\":\"TFA-1\"}", "publish", Topics.POWER_GRID_STATE, "--bootstrap", bootstrap);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).doesNotContain("sent ");
        assertThat(run.stderr())
                .contains("the twin reads no topic power.grid-state")
                .contains(Topics.SENSOR_TOOL_TELEMETRY);
    }

    @Test
    void dlqShowsEachDeadLetterWithItsOriginItsEnvelopeItsReasonAndThePayloadsFirstBytesOldestFirst() {
        String deadLetters = Topics.deadLetters(Topics.SENSOR_ACCELERATOR_HEALTH);
        String unknownId = UUID.randomUUID().toString();
        String malformedId = UUID.randomUUID().toString();
        String longPayload = "{\"acceleratorId\":\"acc-9\",\"rackId\":\"rack-1\",\"status\":\"failed\",\"reason\":\""
                + "x".repeat(200) + "TAIL-BEYOND-200-BYTES\",\"observedAt\":\"2027-01-01T00:00:00Z\"}";
        // recent: the broker deletes records older than its retention at once
        Instant deadLetteredAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(deadLetter(
                    deadLetters,
                    deadLetteredAt,
                    "acc-9",
                    unknownId,
                    longPayload,
                    "unknown-entity: no accelerator acc-9",
                    "2",
                    "41"));
            producer.send(deadLetter(
                    deadLetters,
                    deadLetteredAt.plusSeconds(1),
                    "acc-10",
                    malformedId,
                    "not json",
                    "malformed: Unrecognized token 'not'",
                    "0",
                    "7"));
            producer.flush();
        }

        Run all = TwinEventsTool.run("", "dlq", Topics.SENSOR_ACCELERATOR_HEALTH, "--bootstrap", bootstrap);

        assertThat(all.exitCode())
                .as("ends by itself after the records present now: " + all)
                .isZero();
        assertThat(all.stdout())
                .contains(
                        deadLetteredAt + "  sensor.accelerator-health/2@41 by chip-service\n"
                                + "  id=" + unknownId + " type=" + EventTypes.ACCELERATOR_HEALTH_REPORTED
                                + " key=acc-9\n"
                                + "  reason: unknown-entity: no accelerator acc-9\n"
                                + "  payload: " + longPayload.substring(0, 200) + "… (" + longPayload.length()
                                + " bytes)\n",
                        "  id=" + malformedId + " type=" + EventTypes.ACCELERATOR_HEALTH_REPORTED + " key=acc-10\n"
                                + "  reason: malformed: Unrecognized token 'not'\n"
                                + "  payload: not json\n");
        assertThat(all.stdout()).doesNotContain("TAIL-BEYOND-200-BYTES");
        assertThat(all.stdout().indexOf(unknownId))
                .as("oldest first")
                .isLessThan(all.stdout().indexOf(malformedId));

        Run first = TwinEventsTool.run("", "dlq", deadLetters, "--max", "1", "--bootstrap", bootstrap);

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout().lines().filter(l -> l.startsWith("  reason: ")))
                .hasSize(1);
        assertThat(first.stdout()).endsWith("1 dead-letter record shown from " + deadLetters + "\n");

        Run oneEntity = TwinEventsTool.run("", "dlq", deadLetters, "--key", "acc-10", "--bootstrap", bootstrap);

        assertThat(oneEntity.exitCode()).as(oneEntity.toString()).isZero();
        assertThat(oneEntity.stdout())
                .contains("id=" + malformedId)
                .doesNotContain(unknownId)
                .endsWith("1 dead-letter record shown from " + deadLetters + "\n");
    }

    @Test
    void topicTableCoversEveryTopicTheServicesReadWithTheContractsTypesAndKeyFields() {
        Run run = TwinEventsTool.run("", "topics");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, ToolTopic> table = new LinkedHashMap<>();
        for (String line : run.stdout().strip().split("\n")) {
            String[] columns = line.trim().split("\\s+");
            assertThat(columns).as(line).hasSize(3);
            table.put(columns[0], new ToolTopic(columns[0], columns[1], List.of(columns[2].split(","))));
        }
        assertThat(table.keySet())
                .as("the topics the services read (their incoming channels)")
                .containsExactlyInAnyOrderElementsOf(TwinContract.incomingTopicsOfTheServices());
        for (ToolTopic topic : table.values()) {
            assertThat(TwinContract.constants(Topics.class)).as("Topics").contains(topic.name());
            assertThat(topic.types()).isNotEmpty();
            for (String type : topic.types()) {
                assertThat(TwinContract.constants(EventTypes.class))
                        .as("EventTypes")
                        .contains(type);
                Class<?> payload = TwinContract.payloadOf(type);
                assertThat(TwinContract.documentedKey(payload))
                        .as("the Kafka key of %s on %s", payload.getSimpleName(), topic.name())
                        .isEqualTo(topic.keyField());
            }
        }
        assertThat(table.get(Topics.JOBS_REQUESTS).types())
                .as("submissions first: the default")
                .containsExactly(EventTypes.JOB_SUBMITTED, EventTypes.JOB_CANCELLATION_REQUESTED);
    }

    private record ToolTopic(String name, String keyField, List<String> types) {}

    /** Serves what a running service's /q/metrics shows of the twin clock; returns its URL. */
    private String serveTwinMetrics(AtomicInteger scrapes) {
        String body = """
                # HELP terafab_twin_clock_speed Simulated seconds per wall-clock second
                # TYPE terafab_twin_clock_speed gauge
                terafab_twin_clock_speed{service="fab-service",site="terafab-1"} %s
                # HELP terafab_twin_simulated_time_seconds Simulated time of the twin, as Unix seconds
                # TYPE terafab_twin_simulated_time_seconds gauge
                terafab_twin_simulated_time_seconds{service="fab-service",site="terafab-1"} %s
                """.formatted(SPEED, (double) SIMULATED_NOW.getEpochSecond());
        try {
            metrics = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        metrics.createContext("/q/metrics", exchange -> {
            scrapes.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        metrics.start();
        return "http://127.0.0.1:" + metrics.getAddress().getPort() + "/q/metrics";
    }

    private static SentRecord single(Run run) {
        assertThat(run.sent()).as(run.toString()).hasSize(1);
        return run.sent().get(0);
    }

    private ConsumerRecord<String, byte[]> recordAt(SentRecord sent) {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, sent.offset());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() == sent.offset()) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record at " + sent.topic() + "/" + sent.partition() + "@" + sent.offset());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return CloudEventRecords.header(record, name);
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer());
    }

    /** A record as the services' dead-letter producer writes it: the original, plus where and why. */
    private static ProducerRecord<String, String> deadLetter(
            String topic,
            Instant at,
            String key,
            String id,
            String payload,
            String reason,
            String partition,
            String offset) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ce_specversion", "1.0");
        values.put("ce_id", id);
        values.put("ce_type", EventTypes.ACCELERATOR_HEALTH_REPORTED);
        values.put("ce_source", "test-integrator");
        values.put("ce_time", "2027-01-01T00:00:00Z");
        values.put("dead-letter-reason", reason);
        values.put("dead-letter-topic", Topics.SENSOR_ACCELERATOR_HEALTH);
        values.put("dead-letter-partition", partition);
        values.put("dead-letter-offset", offset);
        values.put("dead-letter-service", "chip-service");
        RecordHeaders headers = new RecordHeaders();
        values.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, at.toEpochMilli(), key, payload, headers);
    }
}
