package io.terafab.power;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * power-service on a real broker: readings in, budgets out every tick, meter readings overriding the
 * model, the grid's state on its compacted topic, bad records to the dead-letter topics. The test
 * campus (application.properties, %test): 400 MW import, no turbines, one 100 MW solar plant under a
 * night sky, one 200 MWh battery that may discharge 50 MW, 20 MW base load, the default priority tiers.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = true)
class PowerServiceIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double EXACT = 1e-6;
    /** Headroom of 450 - 20 - 350 = 80 MW shared 150:200 between the fab and the data center. */
    private static final double FAB_AMPLE = 150 + 80 * 150 / 350.0;

    private static final double DC_AMPLE = 200 + 80 * 200 / 350.0;

    @InjectKafka
    KafkaCompanion companion;

    @Test
    void drawReadingsBecomeBudgetsAndALowerImportCapCurtailsTheDataCenterFirst() {
        ConsumerTask<String, String> budgets =
                companion.consume(String.class, String.class).fromTopics(Topics.POWER_BUDGET);
        try {
            putImportCap(400);
            sendDraws(150, 200);

            // 400 import + 50 battery discharge - 20 base load = 430 MW for 350 MW of demand
            awaitAmpleBudgets(budgets);
            ConsumerRecord<String, String> fabBudget =
                    latestRecord(budgets, "fab").orElseThrow();
            assertThat(CloudEventRecords.header(fabBudget, "ce_specversion")).isEqualTo("1.0");
            assertThat(CloudEventRecords.header(fabBudget, "ce_type")).isEqualTo(EventTypes.BUDGET_ISSUED);
            assertThat(CloudEventRecords.header(fabBudget, "ce_source")).isEqualTo("power-service");
            assertThat(CloudEventRecords.header(fabBudget, "ce_subject")).isEqualTo("fab");
            assertThat(CloudEventRecords.header(fabBudget, "ce_id")).matches("budget-fab-\\d+");
            JsonNode fabPayload = json(fabBudget);
            assertThat(CloudEventRecords.header(fabBudget, "ce_time")).isNotBlank();
            assertThat(Duration.between(
                            Instant.parse(fabPayload.get("issuedAt").asText()),
                            Instant.parse(fabPayload.get("validUntil").asText())))
                    .isEqualTo(Duration.ofMinutes(5));

            given().contentType(ContentType.JSON)
                    .body("{\"capMw\": -5}")
                    .when()
                    .put("/grid/import-cap")
                    .then()
                    .statusCode(400);
            given().contentType(ContentType.JSON)
                    .body("{\"capMw\": 200}")
                    .when()
                    .put("/grid/import-cap")
                    .then()
                    .statusCode(200)
                    .body("importCapMw", equalTo(200.0f))
                    .body("availableMw", equalTo(250.0f));

            // 230 MW for the consumers: the fab's critical 60, inference's 60, the fab's production to 150, dc the 20
            // left
            await().atMost(WITHIN).untilAsserted(() -> {
                ConsumerRecord<String, String> dc = latestRecord(budgets, "dc").orElseThrow();
                JsonNode dcBudget = JSON.readTree(dc.value());
                assertThat(dcBudget.get("capMw").asDouble()).isEqualTo(80);
                assertThat(dcBudget.get("curtailed").asBoolean()).isTrue();
                JsonNode fabSameTick = budgetAt(budgets, "fab", CloudEventRecords.header(dc, "ce_time"))
                        .orElseThrow();
                assertThat(fabSameTick.get("capMw").asDouble()).isEqualTo(150);
                assertThat(fabSameTick.get("curtailed").asBoolean()).isFalse();
            });
            given().when()
                    .get("/grid")
                    .then()
                    .statusCode(200)
                    .body("consumers.dc.curtailedMw", equalTo(120.0f))
                    .body("consumers.fab.curtailed", equalTo(false))
                    .body("batteryDischargeMw", equalTo(50.0f));
            String metrics = metrics();
            assertThat(gauge(metrics, "terafab_power_supply_available_watts", null))
                    .isEqualTo(250e6);
            assertThat(gauge(metrics, "terafab_power_budget_watts", "dc")).isEqualTo(80e6);
            assertThat(gauge(metrics, "terafab_power_served_watts", "fab")).isEqualTo(150e6);
            assertThat(gauge(metrics, "terafab_power_demand_watts", "dc")).isEqualTo(200e6);
            assertThat(gauge(metrics, "terafab_power_curtailed_watts", null)).isEqualTo(120e6);
            assertThat(gauge(metrics, "terafab_power_headroom_watts", null)).isZero();
        } finally {
            budgets.close();
            putImportCap(400);
        }
    }

    /**
     * The fab reports its floor (facility and idle tools): on a short supply it is served before the
     * data center's inference tier, so the fab's budget is its floor where the tiers alone would give
     * it 0.4 of its demand (60 MW) and the data center 0.3 of its own first.
     */
    @Test
    void theFabsReportedFloorIsServedBeforeThePriorityTiers() {
        ConsumerTask<String, String> budgets =
                companion.consume(String.class, String.class).fromTopics(Topics.POWER_BUDGET);
        try {
            putImportCap(120); // 100 to 150 MW for the consumers, as the battery's charge allows
            companion
                    .produce(String.class, String.class)
                    .fromRecords(
                            CloudEventRecords.event(
                                    Topics.FAB_POWER_DRAW,
                                    "fab",
                                    EventTypes.FAB_POWER_DRAW_REPORTED,
                                    CloudEventRecords.newId(),
                                    "{\"consumer\":\"fab\",\"demandMw\":150.0,\"drawMw\":150.0,"
                                            + "\"budgetMw\":null,\"at\":\"2027-01-01T06:00:00Z\",\"floorMw\":95.0}"),
                            draw(Topics.DC_POWER_DRAW, EventTypes.DC_POWER_DRAW_REPORTED, "dc", 200, 200))
                    .awaitCompletion();

            await().atMost(WITHIN).untilAsserted(() -> {
                ConsumerRecord<String, String> dc = latestRecord(budgets, "dc").orElseThrow();
                JsonNode fab = budgetAt(budgets, "fab", CloudEventRecords.header(dc, "ce_time"))
                        .orElseThrow();
                assertThat(fab.get("capMw").asDouble()).isCloseTo(95, within(EXACT));
                assertThat(JSON.readTree(dc.value()).get("capMw").asDouble()).isLessThanOrEqualTo(55 + EXACT);
            });
        } finally {
            budgets.close();
            sendDraws(150, 200); // readings without a floor, as the other tests expect
            putImportCap(400);
        }
    }

    @Test
    void aMeterReadingThatHalvesTheGridImportLimitLowersBothBudgetsAtTheTickThatAppliesIt() throws Exception {
        ConsumerTask<String, String> budgets =
                companion.consume(String.class, String.class).fromTopics(Topics.POWER_BUDGET);
        try {
            putImportCap(400);
            sendDraws(150, 200);
            awaitAmpleBudgets(budgets);

            String at = simNow().toString();
            companion
                    .produce(String.class, String.class)
                    .fromRecords(meterReading("meter-grid-1", "grid", "grid-import-limit", 200, at))
                    .awaitCompletion();

            String appliedAt = await().atMost(WITHIN)
                    .until(() -> appliedAt("grid", "GRID_IMPORT_LIMIT", at), Optional::isPresent)
                    .orElseThrow();
            await().atMost(WITHIN).untilAsserted(() -> {
                JsonNode fab = budgetIssuedAt(budgets, "fab", appliedAt).orElseThrow();
                JsonNode dc = budgetIssuedAt(budgets, "dc", appliedAt).orElseThrow();
                // 200 import + 50 battery - 20 base load: as in the test above, the fab 150 and the data center 80
                assertThat(fab.get("capMw").asDouble())
                        .as("fab at %s", appliedAt)
                        .isEqualTo(150);
                assertThat(dc.get("capMw").asDouble()).as("dc at %s", appliedAt).isEqualTo(80);
            });
            // the budgets just before that tick were still the ample ones: the change took exactly one tick
            assertThat(lastBudgetBefore(budgets, "fab", appliedAt).get("capMw").asDouble())
                    .isCloseTo(FAB_AMPLE, within(EXACT));
            assertThat(lastBudgetBefore(budgets, "dc", appliedAt).get("capMw").asDouble())
                    .isCloseTo(DC_AMPLE, within(EXACT));
            given().when().get("/grid").then().body("importCapMw", equalTo(200.0f));
        } finally {
            budgets.close();
            putImportCap(400);
        }
    }

    @Test
    void meterReadingsOverrideSolarAndBatteryAndTheGridStateGoesToItsCompactedTopic() throws Exception {
        ConsumerTask<String, String> states =
                companion.consume(String.class, String.class).fromTopics(Topics.POWER_GRID_STATE);
        try {
            String at = simNow().toString();
            companion
                    .produce(String.class, String.class)
                    .fromRecords(
                            meterReading("meter-pv-1", "solar-1", "solar-output", 40, at),
                            meterReading("meter-bess-1", "bess-1", "battery-soc", 0.3, at))
                    .awaitCompletion();

            await().atMost(WITHIN)
                    .untilAsserted(() -> given().when()
                            .get("/grid/sources")
                            .then()
                            .statusCode(200)
                            .body("find { it.id == 'solar-1' }.availableMw", equalTo(40.0f))
                            .body("find { it.id == 'solar-1' }.measured", equalTo(true))
                            .body("find { it.id == 'solar-1' }.limitMw", equalTo(100.0f)));
            assertThat(appliedAt("bess-1", "BATTERY_SOC", at)).isPresent();
            JsonNode battery = JSON.readTree(given().when()
                            .get("/grid/batteries")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString())
                    .get(0);
            assertThat(battery.get("id").asText()).isEqualTo("bess-1");
            assertThat(battery.get("stateOfCharge").asDouble())
                    .as("measured 0.3, then a few ticks of charge or discharge")
                    .isBetween(0.25, 0.35);
            JsonNode balance = JSON.readTree(given().when()
                    .get("/grid/balance")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            assertThat(balance.get("imbalanceMw").asDouble()).isCloseTo(0, within(EXACT));
            given().when()
                    .get("/grid/loads")
                    .then()
                    .statusCode(200)
                    .body("consumer", equalTo(List.of("campus", "fab", "dc")));
            given().when().get("/grid/budgets").then().statusCode(200).body("consumer", equalTo(List.of("fab", "dc")));
            given().when()
                    .get("/grid/history?minutes=60")
                    .then()
                    .statusCode(200)
                    .body("size()", greaterThan(0));
            given().when().get("/grid/history?minutes=0").then().statusCode(400);

            await().atMost(WITHIN)
                    .untilAsserted(() -> assertThat(states.getRecords()).isNotEmpty());
            ConsumerRecord<String, String> state =
                    states.getRecords().get(states.getRecords().size() - 1);
            assertThat(state.key()).isEqualTo("terafab-1");
            assertThat(CloudEventRecords.header(state, "ce_type")).isEqualTo(EventTypes.GRID_STATE_RECORDED);
            assertThat(CloudEventRecords.header(state, "ce_id")).matches("grid-state-terafab-1-\\d+");
            JsonNode payload = json(state);
            assertThat(payload.get("sources").findValuesAsText("id")).containsExactly("grid", "solar-1");
            assertThat(payload.get("loads").findValuesAsText("consumer")).containsExactly("campus", "fab", "dc");
            assertThat(payload.get("batteries").findValuesAsText("id")).containsExactly("bess-1");
        } finally {
            states.close();
            // the measured 40 MW would hold for the meter validity: measure the night's 0 MW again for the other tests
            String later = simNow().toString();
            companion
                    .produce(String.class, String.class)
                    .fromRecords(meterReading("meter-pv-1", "solar-1", "solar-output", 0, later))
                    .awaitCompletion();
            await().atMost(WITHIN)
                    .until(() -> appliedAt("solar-1", "SOLAR_OUTPUT", later).isPresent());
        }
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsExported() throws IOException {
        String dashboard = Files.readString(Path.of("..", "deploy", "grafana", "dashboards", "power.json"));
        Set<String> queried = new TreeSet<>();
        Matcher m = Pattern.compile("terafab_[a-z_]+").matcher(dashboard);
        while (m.find()) {
            queried.add(m.group());
        }
        // the clock's metric (the site variable) and the inbound gate's counters come from twin-platform
        queried.remove("terafab_messaging_events_consumed_total");
        assertThat(queried).contains("terafab_power_supply_watts", "terafab_power_battery_state_of_charge_ratio");

        String metrics = metrics();
        for (String name : queried) {
            assertThat(metrics).as(name).containsPattern("(?m)^" + name + "\\{");
        }
    }

    @Test
    void recordsWithoutEnvelopeOrForAnotherConsumerGoToTheDeadLetterTopic() {
        companion
                .produce(String.class, String.class)
                .fromRecords(
                        CloudEventRecords.bare(Topics.FAB_POWER_DRAW, "fab", reading("fab", 10, 10)),
                        draw(Topics.FAB_POWER_DRAW, EventTypes.FAB_POWER_DRAW_REPORTED, "dc", 10, 10))
                .awaitCompletion();

        List<ConsumerRecord<String, String>> dead = companion
                .consume(String.class, String.class)
                .fromTopics(Topics.deadLetters(Topics.FAB_POWER_DRAW), 2)
                .awaitCompletion(WITHIN)
                .getRecords();

        assertThat(dead)
                .extracting(r -> CloudEventRecords.header(r, "dead-letter-reason"))
                .satisfiesExactlyInAnyOrder(
                        reason -> assertThat(reason).startsWith("missing-envelope"),
                        reason -> assertThat(reason).startsWith("not-allowed"));
    }

    @Test
    void meterReadingsOfUnknownAssetsOrOutOfRangeGoToTheDeadLetterTopicWithTheReason() throws Exception {
        String at = simNow().toString();
        companion
                .produce(String.class, String.class)
                .fromRecords(
                        meterReading("meter-x", "gt-1", "breaker", 0, at),
                        meterReading("meter-pv-1", "solar-1", "solar-output", 150, at),
                        meterReading("meter-bess-1", "bess-1", "battery-soc", 0.95, at),
                        meterReading("meter-bess-1", "bess-1", "battery-soc", 1.5, at),
                        CloudEventRecords.event(
                                Topics.SENSOR_METER_READINGS,
                                "meter-x",
                                EventTypes.BUDGET_ISSUED,
                                CloudEventRecords.newId(),
                                "{}"))
                .awaitCompletion();

        List<ConsumerRecord<String, String>> dead = companion
                .consume(String.class, String.class)
                .fromTopics(Topics.deadLetters(Topics.SENSOR_METER_READINGS), 5)
                .awaitCompletion(WITHIN)
                .getRecords();

        assertThat(dead)
                .extracting(r -> CloudEventRecords.header(r, "dead-letter-reason"))
                .satisfiesExactlyInAnyOrder(
                        reason -> assertThat(reason).startsWith("unknown-entity: unknown asset gt-1"),
                        reason ->
                                assertThat(reason).startsWith("invalid-payload").contains("above its nameplate"),
                        reason ->
                                assertThat(reason).startsWith("invalid-payload").contains("outside [0.1, 0.9]"),
                        reason ->
                                assertThat(reason).startsWith("invalid-payload").contains("fraction in [0, 1]"),
                        reason -> assertThat(reason).startsWith("unsupported-type"));
        assertThat(dead).extracting(ConsumerRecord::key).contains("meter-x", "meter-pv-1", "meter-bess-1");
    }

    @Test
    void anImportCapIsAnsweredOnceAppliedFromTheLogAndAKeyIsAppliedOnce() {
        String key = "it-cap-" + System.nanoTime();
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"capMw\": 400}")
                .put("/grid/import-cap")
                .then()
                .statusCode(200)
                .body("eventId", equalTo(key))
                .body("outcome", equalTo("applied"))
                .body("importCapMw", equalTo(400.0f));
        // sent again (the caller did not hear back): a duplicate, applied once
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"capMw\": 400}")
                .put("/grid/import-cap")
                .then()
                .statusCode(200)
                .body("eventId", equalTo(key))
                .body("outcome", equalTo("duplicate"));
        // the same key for another change: refused and dead-lettered, the cap in force stays
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"capMw\": 300}")
                .put("/grid/import-cap")
                .then()
                .statusCode(409)
                .body("eventId", equalTo(key))
                .body(
                        "reason",
                        equalTo("duplicate-id: event id " + key + " was already applied with different content"));
        given().get("/grid").then().body("importCapMw", equalTo(400.0f));

        try (ConsumerTask<String, String> commands =
                companion.consume(String.class, String.class).fromTopics(Topics.POWER_COMMANDS)) {
            List<ConsumerRecord<String, String>> mine = await().atMost(WITHIN)
                    .until(
                            () -> commands.getRecords().stream()
                                    .filter(r -> key.equals(CloudEventRecords.header(r, "ce_id")))
                                    .toList(),
                            records -> records.size() == 3);
            assertThat(mine).allSatisfy(r -> {
                assertThat(r.key()).isEqualTo("terafab-1");
                assertThat(CloudEventRecords.header(r, "ce_type")).isEqualTo(EventTypes.IMPORT_CAP_CHANGE_REQUESTED);
            });
            assertThat(mine).extracting(r -> json(r).get("capMw").asDouble()).containsExactly(400.0, 400.0, 300.0);
        }
        try (ConsumerTask<String, String> dead =
                companion.consume(String.class, String.class).fromTopics(Topics.deadLetters(Topics.POWER_COMMANDS))) {
            await().atMost(WITHIN)
                    .until(() -> dead.getRecords().stream()
                            .anyMatch(r -> key.equals(CloudEventRecords.header(r, "ce_id"))
                                    && CloudEventRecords.header(r, "dead-letter-reason")
                                            .startsWith("duplicate-id")));
        }
    }

    private static void putImportCap(double mw) {
        given().contentType(ContentType.JSON)
                .body("{\"capMw\": " + mw + "}")
                .put("/grid/import-cap")
                .then()
                .statusCode(200);
    }

    private void sendDraws(double fabMw, double dcMw) {
        companion
                .produce(String.class, String.class)
                .fromRecords(
                        draw(Topics.FAB_POWER_DRAW, EventTypes.FAB_POWER_DRAW_REPORTED, "fab", fabMw, fabMw),
                        draw(Topics.DC_POWER_DRAW, EventTypes.DC_POWER_DRAW_REPORTED, "dc", dcMw, dcMw))
                .awaitCompletion();
    }

    private static Instant simNow() {
        return Instant.parse(
                given().when().get("/grid").then().statusCode(200).extract().path("simTime"));
    }

    /** When the grid applied a reading of this asset and quantity taken at {@code at}, if it did. */
    private static Optional<String> appliedAt(String asset, String quantity, String at) {
        List<Map<String, Object>> applied = given().when()
                .get("/grid/meters")
                .then()
                .statusCode(200)
                .extract()
                .path("applied");
        return applied.stream()
                .filter(a -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> reading = (Map<String, Object>) a.get("reading");
                    return asset.equals(reading.get("asset"))
                            && quantity.equals(reading.get("quantity"))
                            && Instant.parse((String) reading.get("at")).equals(Instant.parse(at));
                })
                .map(a -> (String) a.get("appliedAt"))
                .findFirst();
    }

    private static ProducerRecord<String, String> meterReading(
            String meter, String asset, String quantity, double value, String at) {
        return CloudEventRecords.event(
                Topics.SENSOR_METER_READINGS,
                meter,
                EventTypes.METER_READING_REPORTED,
                CloudEventRecords.newId(),
                "{\"meterId\":\"" + meter + "\",\"asset\":\"" + asset + "\",\"quantity\":\"" + quantity
                        + "\",\"value\":" + value + ",\"at\":\"" + at + "\"}");
    }

    private static ProducerRecord<String, String> draw(
            String topic, String type, String consumer, double demandMw, double drawMw) {
        return CloudEventRecords.event(
                topic, consumer, type, CloudEventRecords.newId(), reading(consumer, demandMw, drawMw));
    }

    private static String reading(String consumer, double demandMw, double drawMw) {
        return "{\"consumer\":\"" + consumer + "\",\"demandMw\":" + demandMw + ",\"drawMw\":" + drawMw
                + ",\"budgetMw\":null,\"at\":\"2027-01-01T06:00:00Z\"}";
    }

    private static Optional<ConsumerRecord<String, String>> latestRecord(
            ConsumerTask<String, String> budgets, String consumer) {
        List<ConsumerRecord<String, String>> all = budgets.getRecords();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (consumer.equals(all.get(i).key())) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** Waits until the latest budgets are the ample ones of 400 MW import for 150 + 200 MW of demand. */
    private static void awaitAmpleBudgets(ConsumerTask<String, String> budgets) {
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(latestBudget(budgets, "fab"))
                    .hasValueSatisfying(
                            b -> assertThat(b.get("capMw").asDouble()).isCloseTo(FAB_AMPLE, within(EXACT)));
            assertThat(latestBudget(budgets, "dc"))
                    .hasValueSatisfying(
                            b -> assertThat(b.get("capMw").asDouble()).isCloseTo(DC_AMPLE, within(EXACT)));
        });
    }

    private static Optional<JsonNode> latestBudget(ConsumerTask<String, String> budgets, String consumer) {
        return latestRecord(budgets, consumer).map(PowerServiceIT::json);
    }

    private static Optional<JsonNode> budgetAt(ConsumerTask<String, String> budgets, String consumer, String ceTime) {
        return budgets.getRecords().stream()
                .filter(r -> consumer.equals(r.key()) && ceTime.equals(CloudEventRecords.header(r, "ce_time")))
                .findFirst()
                .map(PowerServiceIT::json);
    }

    private static Optional<JsonNode> budgetIssuedAt(
            ConsumerTask<String, String> budgets, String consumer, String issuedAt) {
        Instant at = Instant.parse(issuedAt);
        return budgets.getRecords().stream()
                .filter(r -> consumer.equals(r.key()))
                .map(PowerServiceIT::json)
                .filter(b -> Instant.parse(b.get("issuedAt").asText()).equals(at))
                .findFirst();
    }

    private static JsonNode lastBudgetBefore(ConsumerTask<String, String> budgets, String consumer, String issuedAt) {
        Instant at = Instant.parse(issuedAt);
        JsonNode last = null;
        for (ConsumerRecord<String, String> r : budgets.getRecords()) {
            JsonNode b = json(r);
            if (consumer.equals(r.key())
                    && Instant.parse(b.get("issuedAt").asText()).isBefore(at)) {
                last = b;
            }
        }
        assertThat(last).as("a budget of %s before %s", consumer, issuedAt).isNotNull();
        return last;
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of a gauge in Prometheus text format, for one consumer or for the whole grid. */
    private static double gauge(String metrics, String name, String consumer) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> consumer == null || line.contains("consumer=\"" + consumer + "\""))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " for " + consumer + " not in:\n" + metrics));
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + record.value(), e);
        }
    }
}
