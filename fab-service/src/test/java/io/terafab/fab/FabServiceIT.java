package io.terafab.fab;

import static io.restassured.RestAssured.given;
import static io.terafab.testing.kafka.CloudEventRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.terafab.contract.EventTypes;
import io.terafab.contract.Topics;
import io.terafab.testing.kafka.CloudEventRecords;
import io.terafab.testing.kafka.InjectKafka;
import io.terafab.testing.kafka.KafkaBrokerTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * fab-service on a real broker, its clock at a simulated day per second (see the %test settings):
 * the default Terafab fab, pre-loaded with its work in process, turns out wafers at once, a budget
 * for the fab caps its published draw, and a malformed budget record is dead-lettered with its reason.
 * Tool telemetry stops and restores the named tool; telemetry naming no tool, or a bad state, is
 * dead-lettered with its reason.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class FabServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @InjectKafka
    KafkaCompanion companion;

    @Inject
    ObjectMapper mapper;

    @Test
    void waferOutsArePublishedPerLotWithTheirEnvelope() throws Exception {
        List<ConsumerRecord<String, String>> records = companion
                .consume(String.class, String.class)
                .fromTopics(Topics.FAB_WAFER_OUTS, 3)
                .awaitCompletion(WAIT)
                .getRecords();

        for (ConsumerRecord<String, String> record : records) {
            // regular, hot and super-hot releases, and the pre-loaded work in process
            assertThat(record.key()).matches("(LOT|HOT|SHL|WIP)-\\d{8}");
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_type")).isEqualTo(EventTypes.WAFER_OUT_RECORDED);
            assertThat(header(record, "ce_id")).isEqualTo("wafer-out-" + record.key());
            assertThat(header(record, "ce_source")).isEqualTo("fab-service");
            assertThat(header(record, "ce_subject")).isEqualTo(record.key());
            assertThat(header(record, "ce_time")).isNotBlank();
            JsonNode data = mapper.readTree(record.value());
            assertThat(data.get("lotId").asText()).isEqualTo(record.key());
            assertThat(data.get("product").asText()).isEqualTo("TFA-1");
            assertThat(data.get("wafers").asInt()).isEqualTo(25);
            // 25 wafers × 64 dies (800 mm²) × 0.60 Poisson yield (D0 0.06385/cm²), split 25/50/25
            assertThat(data.get("goodDiesByBin").get("bin1").asInt()).isEqualTo(240);
            assertThat(data.get("goodDiesByBin").get("bin2").asInt()).isEqualTo(480);
            assertThat(data.get("goodDiesByBin").get("bin3").asInt()).isEqualTo(240);
            assertThat(Instant.parse(data.get("finishedAt").asText()))
                    .isAfter(Instant.parse(data.get("startedAt").asText()));
            double days = Duration.between(
                                    Instant.parse(data.get("startedAt").asText()),
                                    Instant.parse(data.get("finishedAt").asText()))
                            .toNanos()
                    / 86_400e9;
            assertThat(data.get("cycleTimeDays").asDouble()).isCloseTo(days, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(data.get("lotClass").asText()).isIn("regular", "hot", "superhot");
        }
    }

    @Test
    void powerDrawIsPublishedEveryTickWithItsEnvelope() throws Exception {
        List<ConsumerRecord<String, String>> records = companion
                .consume(String.class, String.class)
                .fromTopics(Topics.FAB_POWER_DRAW, 2)
                .awaitCompletion(WAIT)
                .getRecords();

        for (ConsumerRecord<String, String> record : records) {
            assertThat(record.key()).isEqualTo("fab");
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_type")).isEqualTo(EventTypes.FAB_POWER_DRAW_REPORTED);
            assertThat(header(record, "ce_id")).matches("fab-power-\\d+");
            assertThat(header(record, "ce_source")).isEqualTo("fab-service");
            JsonNode data = mapper.readTree(record.value());
            assertThat(data.get("consumer").asText()).isEqualTo("fab");
            assertThat(data.get("demandMw").asDouble()).isPositive();
            assertThat(data.get("drawMw").asDouble())
                    .isPositive()
                    .isLessThanOrEqualTo(data.get("demandMw").asDouble());
            // the floor the grid serves first: facility and idle tools, under what the fab draws
            assertThat(data.get("floorMw").asDouble())
                    .isPositive()
                    .isLessThanOrEqualTo(data.get("drawMw").asDouble());
            assertThat(data.get("drawByAreaMw").get("litho").asDouble())
                    .isPositive()
                    .isLessThan(data.get("drawMw").asDouble());
        }
        assertThat(header(records.get(1), "ce_id")).isNotEqualTo(header(records.get(0), "ce_id"));
    }

    /** The %test profile forecasts 2 replications of 2 weeks, 2 s after start-up. */
    @Test
    void theForecastIsPublishedOnItsCompactedTopicAndServed() throws Exception {
        List<ConsumerRecord<String, String>> records = companion
                .consume(String.class, String.class)
                .fromTopics(Topics.FAB_FORECASTS, 1)
                .awaitCompletion(Duration.ofSeconds(60))
                .getRecords();

        ConsumerRecord<String, String> record = records.get(0);
        assertThat(header(record, "ce_type")).isEqualTo(EventTypes.FAB_FORECAST_PUBLISHED);
        assertThat(header(record, "ce_id")).matches("fab-forecast-\\d+");
        JsonNode data = mapper.readTree(record.value());
        assertThat(record.key()).isEqualTo(data.get("fab").asText());
        assertThat(data.get("replications").asInt()).isEqualTo(2);
        assertThat(data.get("weeks")).hasSize(2);
        JsonNode week1 = data.get("weeks").get(0);
        assertThat(week1.get("week").asInt()).isEqualTo(1);
        assertThat(week1.get("wafersOut").get("p50").asDouble()).isPositive();
        assertThat(week1.get("goodDiesBySku").get("TFA-1-bin2").get("p50").asDouble())
                .isPositive();

        JsonPath forecast =
                given().get("/fab/forecast").then().statusCode(200).extract().jsonPath();
        assertThat(forecast.getInt("replications")).isEqualTo(2);
        assertThat(forecast.getList("weeks")).hasSize(2);
        assertThat(forecast.getDouble("weeks[0].wafersOut.p10"))
                .isLessThanOrEqualTo(forecast.getDouble("weeks[0].wafersOut.p90"));
        double p50PerDay = forecast.getDouble("weeks[0].wafersOut.p50") / 7;
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics.lines()
                        .filter(l ->
                                l.startsWith("terafab_fab_forecast_wafers_per_day{") && l.contains("quantile=\"p50\""))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .findFirst())
                .as("the dashboard's forecast metric")
                .hasValueCloseTo(p50PerDay, org.assertj.core.data.Offset.offset(1e-6));
    }

    /**
     * A what-if forked from the live fab: scanners down cut its energy and its wafers against the
     * baseline on the same seeds, as JSON and as a page with its charts; a scenario the fab cannot run
     * is refused with its reason, a write without an operator's token is refused, and a second
     * what-if while one runs is turned away.
     */
    @Test
    void aWhatIfComparesTheScenarioWithTheBaselineAsJsonAndAsAPage() throws Exception {
        await().atMost(WAIT)
                .until(() -> given().get("/fab").then().extract().jsonPath().getString("simTime") != null);
        String scannersDown = "{\"horizonDays\":2,\"replications\":1,\"seed\":5,\"changes\":[{\"kind\":"
                + "\"tools-down\",\"group\":\"euv-1\",\"count\":6,\"startHours\":0,\"durationHours\":24}]}";

        JsonPath result = given().contentType("application/json")
                .body(scannersDown)
                .post("/fab/what-if")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(result.getInt("replications")).isEqualTo(1);
        assertThat(result.getList("weeks")).hasSize(1);
        assertThat(result.getString("changes[0].kind")).isEqualTo("tools-down");
        assertThat(result.getDouble("total.wafersOut.baseline.p50")).isPositive();
        assertThat(result.getDouble("total.energyKwh.difference.p90")).isNegative();
        assertThat(result.getDouble("total.goodDiesBySku.TFA-1-bin2.baseline.p50"))
                .isPositive();
        assertThat(result.getDouble("speedUp")).isPositive();

        String page = given().contentType("application/json")
                .accept("text/html")
                .body("{\"horizonDays\":1,\"replications\":1,\"changes\":[]}")
                .post("/fab/what-if")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("text/html"))
                .extract()
                .asString();
        assertThat(page)
                .contains("<svg", "Wafers out per week", "id=\"what-if-result\"")
                .doesNotContain("<script src", "<link", "@import", "https://");

        given().contentType("application/json")
                .body("{\"horizonDays\":7,\"changes\":[{\"kind\":\"tools-down\",\"group\":\"euv-9\","
                        + "\"count\":1,\"startHours\":0,\"durationHours\":1}]}")
                .post("/fab/what-if")
                .then()
                .statusCode(400)
                .body("reason", org.hamcrest.Matchers.containsString("no tool group euv-9"));
        given().contentType("application/json")
                .body("{\"horizonDays\":92,\"changes\":[]}")
                .post("/fab/what-if")
                .then()
                .statusCode(400)
                .body("reason", org.hamcrest.Matchers.containsString("horizonDays must be 1 to 91"));
        given().contentType("application/json")
                .header("Authorization", "Bearer not-a-token")
                .body("{\"horizonDays\":1,\"changes\":[]}")
                .post("/fab/what-if")
                .then()
                .statusCode(401);
        given().contentType("application/json")
                .header("Authorization", "Bearer " + io.terafab.testing.kafka.TestTokens.token("viewer"))
                .body("{\"horizonDays\":1,\"changes\":[]}")
                .post("/fab/what-if")
                .then()
                .statusCode(403);

        // one at a time: small what-ifs sent while a longer one runs are turned away until it is done
        java.util.concurrent.CompletableFuture<Integer> longer =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    int status;
                    do { // a small one may hold the turn when this one comes
                        status = given().contentType("application/json")
                                .body("{\"horizonDays\":7,\"replications\":1,\"changes\":[]}")
                                .post("/fab/what-if")
                                .statusCode();
                    } while (status == 429);
                    return status;
                });
        boolean turnedAway = false;
        while (!longer.isDone() && !turnedAway) {
            io.restassured.response.Response small = given().contentType("application/json")
                    .body("{\"horizonDays\":1,\"replications\":1,\"changes\":[]}")
                    .post("/fab/what-if");
            if (small.statusCode() == 429) {
                turnedAway = true;
                assertThat(small.jsonPath().getString("reason")).contains("another what-if is running");
                assertThat(small.header("Retry-After")).isNotBlank();
            } else {
                assertThat(small.statusCode()).isEqualTo(200);
            }
        }
        assertThat(longer.get(2, java.util.concurrent.TimeUnit.MINUTES)).isEqualTo(200);
        assertThat(turnedAway)
                .as("a what-if sent while another ran was turned away")
                .isTrue();
    }

    @Test
    void theLineKeepsItsWafersConservedAndShowsItsLotsAndMetrics() {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath fab = given().get("/fab").then().statusCode(200).extract().jsonPath();
            assertThat(fab.getLong("wafersOut")).isPositive();
            assertThat(fab.getBoolean("conserved")).isTrue();
            assertThat(fab.getLong("wafersStarted"))
                    .isEqualTo(
                            fab.getLong("wafersOut") + fab.getLong("wafersScrapped") + fab.getLong("wafersInProcess"));
            assertThat(fab.getString("simTime")).isNotBlank();
        });

        List<Float> progress = given().queryParam("limit", 5)
                .get("/fab/lots")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("progress", Float.class);
        assertThat(progress).hasSize(5).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        given().queryParam("limit", 0).get("/fab/lots").then().statusCode(400);
        JsonPath groups =
                given().get("/fab/tool-groups").then().statusCode(200).extract().jsonPath();
        assertThat(groups.getList("name")).hasSizeGreaterThan(90);
        assertThat(groups.getList("area")).contains("litho", "etch", "metrology");

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains(
                        "terafab_fab_wip_wafers{",
                        "terafab_fab_wafers_started_total{",
                        "terafab_fab_wafers_out_total{",
                        "terafab_fab_wafers_scrapped_total{",
                        "terafab_fab_power_demand_watts{",
                        "terafab_fab_power_draw_watts{",
                        "terafab_fab_cycle_time_seconds{",
                        "terafab_fab_tools{",
                        "terafab_fab_queue_lots{",
                        "terafab_fab_utilization{",
                        "terafab_fab_die_yield{",
                        "terafab_fab_lot_cycle_time_seconds_bucket{",
                        "terafab_fab_x_factor{");
    }

    @Test
    void aBudgetForTheFabLowersThePublishedDrawAndOneForTheDataCenterIsIgnored() throws Exception {
        ConsumerTask<String, String> draws =
                companion.consume(String.class, String.class).fromTopics(Topics.FAB_POWER_DRAW);
        try {
            // 120 MW lies between the default fab's floor (~107 MW: 70 MW of facility load and every tool
            // idle) and its demand (~160-180 MW with its work in process), so the fab can and must shed load
            companion
                    .produce(String.class, String.class)
                    .fromRecords(budget("fab", "budget-fab-1", 120), budget("dc", "budget-dc-1", 10))
                    .awaitCompletion(WAIT);

            // both consumed and neither rejected: the data center's budget was acknowledged and ignored
            await().atMost(WAIT).until(() -> budgetsConsumed() >= 2);
            JsonPath fab = given().get("/fab").then().statusCode(200).extract().jsonPath();
            assertThat(fab.getDouble("budgetMw")).isEqualTo(120.0);
            // the fab sheds load tool by tool (held tools, blocked starts): it lands at or under the cap
            assertThat(fab.getDouble("powerDrawMw")).isLessThanOrEqualTo(120.0);

            await().atMost(WAIT).until(() -> firstCapped(draws).isPresent());
            JsonNode capped = firstCapped(draws).orElseThrow();
            assertThat(capped.get("drawMw").asDouble()).isLessThanOrEqualTo(120.0);
            assertThat(capped.get("demandMw").asDouble()).isGreaterThan(120.0);
            assertThat(capped.get("floorMw").asDouble())
                    .isLessThan(capped.get("drawMw").asDouble());
            JsonNode uncapped = mapper.readTree(draws.getFirstRecord().value());
            assertThat(uncapped.get("budgetMw").isNull())
                    .as("the line starts without a budget")
                    .isTrue();
            assertThat(uncapped.get("drawMw").asDouble())
                    .isEqualTo(uncapped.get("demandMw").asDouble())
                    .isGreaterThan(capped.get("drawMw").asDouble());
        } finally {
            draws.close();
        }
    }

    @Test
    void aMalformedBudgetRecordIsDeadLetteredWithItsReason() {
        companion
                .produce(String.class, String.class)
                .fromRecords(CloudEventRecords.event(
                        Topics.POWER_BUDGET,
                        "malformed-1",
                        EventTypes.BUDGET_ISSUED,
                        "budget-malformed-1",
                        "{not json"))
                .awaitCompletion(WAIT);

        // the first dead letter of the topic: a data-center budget, ignored, must never have been one
        ConsumerRecord<String, String> dead = companion
                .consume(String.class, String.class)
                .fromTopics(Topics.deadLetters(Topics.POWER_BUDGET), 1)
                .awaitCompletion(WAIT)
                .getFirstRecord();

        assertThat(dead.key()).isEqualTo("malformed-1");
        assertThat(dead.value()).isEqualTo("{not json");
        assertThat(header(dead, "dead-letter-reason")).startsWith("malformed:");
        assertThat(header(dead, "ce_id")).isEqualTo("budget-malformed-1");
    }

    @Test
    void aDownReportStopsTheNamedToolAndAnUpReportRestoresIt() {
        await().atMost(WAIT)
                .until(() -> given().get("/fab").then().extract().jsonPath().getString("simTime") != null);
        List<String> etchers = given().queryParam("group", "etch-1")
                .get("/fab/tools")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("toolId");
        assertThat(etchers).hasSizeGreaterThan(1).first().isEqualTo("etch-1.1");
        given().queryParam("group", "no-such-group").get("/fab/tools").then().statusCode(404);
        String tool = etchers.get(0);
        String overheated = etchers.get(1);

        companion
                .produce(String.class, String.class)
                .fromRecords(
                        telemetry(tool, "tool-down-1", "\"state\":\"DOWN\""),
                        telemetry(
                                overheated,
                                "tool-reading-1",
                                "\"reading\":{\"quantity\":\"chamber-temperature\",\"value\":95.0,\"min\":20.0,\"max\":80.0}"))
                .awaitCompletion(WAIT);

        for (String stopped : List.of(tool, overheated)) {
            await().atMost(WAIT).untilAsserted(() -> {
                JsonPath view = given().get("/fab/tools/" + stopped)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertThat(view.getString("state")).isEqualTo("unscheduled_down");
                assertThat(view.getBoolean("overridden")).isTrue();
            });
        }

        companion
                .produce(String.class, String.class)
                .fromRecords(telemetry(tool, "tool-up-1", "\"state\":\"UP\""))
                .awaitCompletion(WAIT);

        // back under the simulation: in service (a simulated breakdown may strike, but it ends on its own)
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath view = given().get("/fab/tools/" + tool)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(view.getBoolean("overridden")).isFalse();
            assertThat(view.getString("state")).isIn("productive", "standby", "power_held");
        });
        assertThat(given().get("/fab/tools/" + overheated)
                        .then()
                        .extract()
                        .jsonPath()
                        .getString("state"))
                .as("only an UP restores a tool")
                .isEqualTo("unscheduled_down");
    }

    @Test
    void telemetryForAnUnknownToolOrWithABadStateIsDeadLetteredWithItsReason() {
        companion
                .produce(String.class, String.class)
                .fromRecords(
                        telemetry("no-such-tool.1", "tool-unknown-1", "\"state\":\"DOWN\""),
                        telemetry("etch-1.1", "tool-bad-state-1", "\"state\":\"ON_FIRE\""))
                .awaitCompletion(WAIT);

        List<ConsumerRecord<String, String>> dead = companion
                .consume(String.class, String.class)
                .fromTopics(Topics.deadLetters(Topics.SENSOR_TOOL_TELEMETRY), 2)
                .awaitCompletion(WAIT)
                .getRecords();

        assertThat(dead)
                .extracting(r -> header(r, "ce_id"))
                .containsExactlyInAnyOrder("tool-unknown-1", "tool-bad-state-1");
        for (ConsumerRecord<String, String> record : dead) {
            String reason = header(record, "dead-letter-reason");
            if (record.key().equals("no-such-tool.1")) {
                assertThat(reason).startsWith("unknown-entity:").contains("no-such-tool.1");
            } else {
                assertThat(reason).startsWith("invalid-payload:").contains("ON_FIRE");
            }
        }
    }

    /** Telemetry of the distant past: applied at once, at the fab's time. */
    private static org.apache.kafka.clients.producer.ProducerRecord<String, String> telemetry(
            String tool, String id, String body) {
        String json = "{\"toolId\":\"%s\",%s,\"at\":\"2000-01-01T00:00:00Z\"}".formatted(tool, body);
        return CloudEventRecords.event(
                Topics.SENSOR_TOOL_TELEMETRY, tool, EventTypes.TOOL_TELEMETRY_REPORTED, id, json);
    }

    private Optional<JsonNode> firstCapped(ConsumerTask<String, String> draws) throws Exception {
        for (ConsumerRecord<String, String> record : draws.getRecords()) {
            JsonNode data = mapper.readTree(record.value());
            if (data.hasNonNull("budgetMw") && data.get("budgetMw").asDouble() == 120.0) {
                return Optional.of(data);
            }
        }
        return Optional.empty();
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, String> budget(
            String consumer, String id, double capMw) {
        String json = """
                {"consumer":"%s","capMw":%s,"demandMw":250.0,"curtailed":true,
                 "issuedAt":"2027-01-01T00:00:00Z","validUntil":"2027-01-01T00:15:00Z"}""".formatted(consumer, capMw);
        return CloudEventRecords.event(Topics.POWER_BUDGET, consumer, EventTypes.BUDGET_ISSUED, id, json);
    }

    /** Budget events the service applied (valid ones, including ignored ones for another consumer). */
    private static double budgetsConsumed() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("terafab_messaging_events_consumed_total{")
                        && l.contains("channel=\"power-budget\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
