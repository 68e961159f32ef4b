package io.terafab.sensors.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.terafab.contract.EventTypes;
import io.terafab.contract.Topics;
import io.terafab.platform.clock.TwinClock;
import io.terafab.sensors.generator.ContractPayloads;
import io.terafab.testing.kafka.CloudEventRecords;
import io.terafab.testing.kafka.InjectKafka;
import io.terafab.testing.kafka.KafkaBrokerTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The simulator on a real broker with the fixed catalog of src/test/resources (%test profile, 50
 * events/s, no bad records): what it sends, as a consumer of the topics sees it, and its REST.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = true)
class SensorSimulatorIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Set<String> TOPICS = Set.of(
            Topics.SENSOR_TOOL_TELEMETRY,
            Topics.SENSOR_METER_READINGS,
            Topics.SENSOR_ACCELERATOR_HEALTH,
            Topics.JOBS_REQUESTS);
    private static final Map<String, Set<String>> TYPES = Map.of(
            Topics.SENSOR_TOOL_TELEMETRY, Set.of(EventTypes.TOOL_TELEMETRY_REPORTED),
            Topics.SENSOR_METER_READINGS, Set.of(EventTypes.METER_READING_REPORTED),
            Topics.SENSOR_ACCELERATOR_HEALTH, Set.of(EventTypes.ACCELERATOR_HEALTH_REPORTED),
            Topics.JOBS_REQUESTS, Set.of(EventTypes.JOB_SUBMITTED));

    @InjectKafka
    KafkaCompanion companion;

    @Inject
    TwinClock clock;

    /** Records created from {@code since} on, once there are {@code n} of them, in creation order. */
    private List<ConsumerRecord<String, byte[]>> recordsSince(long since, int n) {
        try (ConsumerTask<String, byte[]> task =
                companion.consume(String.class, byte[].class).fromTopics(TOPICS)) {
            await().atMost(WITHIN)
                    .until(() ->
                            task.stream().filter(r -> r.timestamp() >= since).count() >= n);
            return task.stream()
                    .filter(r -> r.timestamp() >= since)
                    .sorted(Comparator.comparingLong(ConsumerRecord::timestamp))
                    .limit(n)
                    .toList();
        }
    }

    @Test
    void sendsAtItsRateCompleteEnvelopesStampedWithTheTwinsSimulatedTime() {
        List<ConsumerRecord<String, byte[]>> records = recordsSince(System.currentTimeMillis(), 250);

        // the rate, from the records' creation times (their Kafka timestamps), past the first second
        List<ConsumerRecord<String, byte[]>> steady = records.subList(50, records.size());
        double seconds =
                (steady.get(steady.size() - 1).timestamp() - steady.get(0).timestamp()) / 1000.0;
        assertThat((steady.size() - 1) / seconds).as("events/s").isBetween(40.0, 60.0);

        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            String type = CloudEventRecords.header(r, "ce_type");
            assertThat(CloudEventRecords.header(r, "ce_specversion")).isEqualTo("1.0");
            assertThat(TYPES.get(r.topic())).contains(type);
            assertThat(CloudEventRecords.header(r, "ce_source")).isEqualTo("sensor-simulator");
            assertThat(CloudEventRecords.header(r, "ce_subject")).isEqualTo(r.key());
            assertThat(ids.add(CloudEventRecords.header(r, "ce_id")))
                    .as("ids are unique")
                    .isTrue();
            Instant time =
                    OffsetDateTime.parse(CloudEventRecords.header(r, "ce_time")).toInstant();
            Instant simulatedAtCreation = clock.toSimulated(Instant.ofEpochMilli(r.timestamp()));
            assertThat(Duration.between(time, simulatedAtCreation).abs())
                    .as("ce_time is the twin's simulated time when the record was made")
                    .isLessThan(Duration.ofMinutes(1));
            assertThat(ContractPayloads.read(r.topic(), type, r.value())).isNotNull();
        }
        assertThat(records)
                .extracting(ConsumerRecord::topic)
                .contains(Topics.SENSOR_TOOL_TELEMETRY, Topics.SENSOR_ACCELERATOR_HEALTH);
    }

    @Test
    void restShowsWhatWasSentAndChangesTheRateAndTheShareOfBadRecords() {
        given().when()
                .get("/simulator")
                .then()
                .statusCode(200)
                .body("sending", equalTo(true))
                .body("rate", equalTo(50.0f))
                .body("badShare", equalTo(0.0f))
                .body("catalog.loaded", equalTo(true))
                .body("catalog.tools", equalTo(13))
                .body("catalog.acceleratorsInstalled", equalTo(144));
        await().atMost(WITHIN)
                .untilAsserted(() -> given().when()
                        .get("/simulator")
                        .then()
                        .body("sent.'sensor.tool-telemetry'.good", greaterThan(0)));
        try {
            given().contentType(ContentType.JSON)
                    .body("{\"eventsPerSecond\": -1}")
                    .when()
                    .put("/simulator/rate")
                    .then()
                    .statusCode(400);
            given().contentType(ContentType.JSON)
                    .body("{\"share\": 1.5}")
                    .when()
                    .put("/simulator/bad-share")
                    .then()
                    .statusCode(400);
            given().contentType(ContentType.JSON)
                    .body("{\"eventsPerSecond\": 200}")
                    .when()
                    .put("/simulator/rate")
                    .then()
                    .statusCode(200)
                    .body("rate", equalTo(200.0f));
            long badBeforeTheChange = sentTotals()[1];
            given().contentType(ContentType.JSON)
                    .body("{\"share\": 0.5}")
                    .when()
                    .put("/simulator/bad-share")
                    .then()
                    .statusCode(200)
                    .body("badShare", equalTo(0.5f));
            long[] start = sentTotals();
            await().atMost(WITHIN).until(() -> sentTotals()[0] - start[0] >= 600);
            long[] end = sentTotals();
            double badShare = (end[1] - start[1]) / (double) (end[0] - start[0]);
            assertThat(badShare)
                    .as("bad share of the records sent after the change")
                    .isBetween(0.4, 0.6);
            assertThat(badBeforeTheChange).isZero();
            String metrics = given().when()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(metrics)
                    .containsPattern("terafab_sensors_events_sent_total\\{[^}]*kind=\"malformed-json\"[^}]*"
                            + "validity=\"bad\"");
            assertThat(metrics)
                    .containsPattern("terafab_sensors_events_sent_total\\{[^}]*service=\"sensor-simulator\"");
        } finally {
            given().contentType(ContentType.JSON).body("{\"share\": 0}").when().put("/simulator/bad-share");
            given().contentType(ContentType.JSON)
                    .body("{\"eventsPerSecond\": 50}")
                    .when()
                    .put("/simulator/rate");
        }
    }

    /** All records and bad records the broker acknowledged, per GET /simulator. */
    private static long[] sentTotals() {
        JsonPath status = given().when()
                .get("/simulator")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Number>> sent = status.getMap("sent");
        long all = 0;
        long bad = 0;
        for (Map<String, Number> byKind : sent.values()) {
            for (Map.Entry<String, Number> e : byKind.entrySet()) {
                all += e.getValue().longValue();
                bad += e.getKey().equals("good") ? 0 : e.getValue().longValue();
            }
        }
        return new long[] {all, bad};
    }

    @Test
    void isReadyOnceItsCatalogIsLoadedAndShowsTheTwinsClock() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'sensor-catalog' }.status", equalTo("UP"));
        String metrics = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics)
                .contains("terafab_twin_simulated_time_seconds")
                .contains("terafab_sensors_rate_target_events_per_second")
                .containsPattern("terafab_sensors_catalog_entities\\{[^}]*kind=\"tools\"[^}]*\\} 13\\.0");
    }
}
