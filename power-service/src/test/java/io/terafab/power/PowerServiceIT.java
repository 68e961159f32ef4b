package io.terafab.power;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.terafab.contract.EventTypes;
import io.terafab.contract.Topics;
import io.terafab.testing.kafka.CloudEventRecords;
import io.terafab.testing.kafka.InjectKafka;
import io.terafab.testing.kafka.KafkaBrokerTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** power-service on a real broker: readings in, budgets out every tick, bad records to the dead-letter topic. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PowerServiceIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafka
    KafkaCompanion companion;

    @Test
    void drawReadingsBecomeBudgetsAndALowerImportCapCurtailsTheDataCenterFirst() {
        ConsumerTask<String, String> budgets = companion.consume(String.class, String.class)
                .fromTopics(Topics.POWER_BUDGET);
        try {
            companion.produce(String.class, String.class).fromRecords(
                    draw(Topics.FAB_POWER_DRAW, EventTypes.FAB_POWER_DRAW_REPORTED, "fab", 200, 190),
                    draw(Topics.DC_POWER_DRAW, EventTypes.DC_POWER_DRAW_REPORTED, "dc", 300, 280)).awaitCompletion();

            // 400 import + 150 on site - 20 base load = 530 MW: both served, the 30 MW left shared 2:3
            await().atMost(WITHIN).untilAsserted(() -> {
                assertThat(latestBudget(budgets, "fab")).hasValueSatisfying(b -> assertThat(b.get("capMw").asDouble()).isEqualTo(212));
                assertThat(latestBudget(budgets, "dc")).hasValueSatisfying(b -> assertThat(b.get("capMw").asDouble()).isEqualTo(318));
            });
            ConsumerRecord<String, String> fabBudget = latestRecord(budgets, "fab").orElseThrow();
            assertThat(CloudEventRecords.header(fabBudget, "ce_specversion")).isEqualTo("1.0");
            assertThat(CloudEventRecords.header(fabBudget, "ce_type")).isEqualTo(EventTypes.BUDGET_ISSUED);
            assertThat(CloudEventRecords.header(fabBudget, "ce_source")).isEqualTo("power-service");
            assertThat(CloudEventRecords.header(fabBudget, "ce_subject")).isEqualTo("fab");
            assertThat(CloudEventRecords.header(fabBudget, "ce_id")).matches("budget-fab-\\d+");
            JsonNode fabPayload = json(fabBudget);
            assertThat(CloudEventRecords.header(fabBudget, "ce_time")).isNotBlank();
            assertThat(Duration.between(Instant.parse(fabPayload.get("issuedAt").asText()),
                    Instant.parse(fabPayload.get("validUntil").asText()))).isEqualTo(Duration.ofMinutes(5));

            given().contentType(ContentType.JSON).body("{\"capMw\": -5}")
                    .when().put("/grid/import-cap").then().statusCode(400);
            given().contentType(ContentType.JSON).body("{\"capMw\": 200}")
                    .when().put("/grid/import-cap")
                    .then().statusCode(200).body("importCapMw", equalTo(200.0f)).body("availableMw", equalTo(350.0f));

            // 330 MW for the consumers: the fab keeps its 200, the data center gets the 130 left
            await().atMost(WITHIN).untilAsserted(() -> {
                ConsumerRecord<String, String> dc = latestRecord(budgets, "dc").orElseThrow();
                JsonNode dcBudget = JSON.readTree(dc.value());
                assertThat(dcBudget.get("capMw").asDouble()).isEqualTo(130);
                assertThat(dcBudget.get("curtailed").asBoolean()).isTrue();
                JsonNode fabSameTick = budgetAt(budgets, "fab", CloudEventRecords.header(dc, "ce_time")).orElseThrow();
                assertThat(fabSameTick.get("capMw").asDouble()).isEqualTo(200);
                assertThat(fabSameTick.get("curtailed").asBoolean()).isFalse();
            });
            given().when().get("/grid").then().statusCode(200)
                    .body("consumers.dc.curtailedMw", equalTo(170.0f))
                    .body("consumers.fab.curtailed", equalTo(false));
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(gauge(metrics, "terafab_power_supply_available_watts", null)).isEqualTo(350e6);
            assertThat(gauge(metrics, "terafab_power_budget_watts", "dc")).isEqualTo(130e6);
            assertThat(gauge(metrics, "terafab_power_served_watts", "fab")).isEqualTo(200e6);
            assertThat(gauge(metrics, "terafab_power_demand_watts", "dc")).isEqualTo(300e6);
            assertThat(gauge(metrics, "terafab_power_curtailed_watts", null)).isEqualTo(170e6);
            assertThat(gauge(metrics, "terafab_power_headroom_watts", null)).isZero();
        } finally {
            budgets.close();
            given().contentType(ContentType.JSON).body("{\"capMw\": 400}").put("/grid/import-cap");
        }
    }

    @Test
    void recordsWithoutEnvelopeOrForAnotherConsumerGoToTheDeadLetterTopic() {
        companion.produce(String.class, String.class).fromRecords(
                CloudEventRecords.bare(Topics.FAB_POWER_DRAW, "fab", reading("fab", 10, 10)),
                draw(Topics.FAB_POWER_DRAW, EventTypes.FAB_POWER_DRAW_REPORTED, "dc", 10, 10)).awaitCompletion();

        List<ConsumerRecord<String, String>> dead = companion.consume(String.class, String.class)
                .fromTopics(Topics.deadLetters(Topics.FAB_POWER_DRAW), 2).awaitCompletion(WITHIN).getRecords();

        assertThat(dead).extracting(r -> CloudEventRecords.header(r, "dead-letter-reason"))
                .satisfiesExactlyInAnyOrder(
                        reason -> assertThat(reason).startsWith("missing-envelope"),
                        reason -> assertThat(reason).startsWith("not-allowed"));
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, String> draw(String topic, String type,
            String consumer, double demandMw, double drawMw) {
        return CloudEventRecords.event(topic, consumer, type, CloudEventRecords.newId(),
                reading(consumer, demandMw, drawMw));
    }

    private static String reading(String consumer, double demandMw, double drawMw) {
        return "{\"consumer\":\"" + consumer + "\",\"demandMw\":" + demandMw + ",\"drawMw\":" + drawMw
                + ",\"budgetMw\":null,\"at\":\"2027-01-01T00:00:00Z\"}";
    }

    private static Optional<ConsumerRecord<String, String>> latestRecord(ConsumerTask<String, String> budgets,
            String consumer) {
        List<ConsumerRecord<String, String>> all = budgets.getRecords();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (consumer.equals(all.get(i).key())) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> latestBudget(ConsumerTask<String, String> budgets, String consumer) {
        return latestRecord(budgets, consumer).map(PowerServiceIT::json);
    }

    private static Optional<JsonNode> budgetAt(ConsumerTask<String, String> budgets, String consumer, String ceTime) {
        return budgets.getRecords().stream()
                .filter(r -> consumer.equals(r.key()) && ceTime.equals(CloudEventRecords.header(r, "ce_time")))
                .findFirst().map(PowerServiceIT::json);
    }

    /** The value of a gauge in Prometheus text format, for one consumer or for the whole grid. */
    private static double gauge(String metrics, String name, String consumer) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> consumer == null || line.contains("consumer=\"" + consumer + "\""))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " for " + consumer + " not in:\n" + metrics));
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("budget is not JSON: " + record.value(), e);
        }
    }
}
