package io.terafab.chip.messaging;

import static io.restassured.RestAssured.given;
import static io.terafab.testing.kafka.CloudEventRecords.event;
import static io.terafab.testing.kafka.CloudEventRecords.header;
import static io.terafab.testing.kafka.CloudEventRecords.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.terafab.contract.EventTypes;
import io.terafab.contract.Topics;
import io.terafab.testing.kafka.CloudEventRecords;
import io.terafab.testing.kafka.InjectKafka;
import io.terafab.testing.kafka.KafkaBrokerTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * chip-service on the real broker: events in; state, REST, metrics, allocations, removals,
 * inventory snapshots and dead letters out. Each test works on its own SKU, lots and requests.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = true)
// by name: two tests install TFA-1-bin2 from stock, the oldest lot first; the one that looks at the lot
// of what it installed (aFailureReport…) goes before the other (anOperatorsCommand…) leaves stock behind
@TestMethodOrder(MethodOrderer.MethodName.class)
class ChipServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafka
    KafkaCompanion kafka;

    private static String waferOut(String lot, String bin, int dies) {
        return """
                {"lotId":"%s","product":"TFA-1","wafers":25,"goodDiesByBin":{"%s":%d},
                 "startedAt":"2027-01-01T00:00:00Z","finishedAt":"2027-02-15T00:00:00Z"}""".formatted(lot, bin, dies);
    }

    private static String capacityRequest(String requestId, int accelerators, String sku) {
        return "{\"requestId\":\"%s\",\"accelerators\":%d,\"sku\":\"%s\",\"priority\":1}"
                .formatted(requestId, accelerators, sku);
    }

    /** A report observed when the accelerator was installed: one observed before would be out of order. */
    private static String health(String acceleratorId, String rackId, String status) {
        String installedAt = given().get("/inventory/accelerators/" + acceleratorId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("installedAt");
        return """
                {"acceleratorId":"%s","rackId":"%s","status":"%s","reason":"XID 79: fell off the bus",
                 "observedAt":"%s"}""".formatted(acceleratorId, rackId, status, installedAt);
    }

    private void send(ProducerRecord<String, String> record) {
        kafka.produce(String.class, String.class).fromRecords(record).awaitCompletion(Duration.ofSeconds(30));
    }

    private static long chips(String sku, String state) {
        return given().get("/inventory")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("skus.'" + sku + "'." + state);
    }

    private static JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Allocations published for a request, read until they hold {@code accelerators} ids. */
    private List<JsonNode> allocationsOf(String requestId, int accelerators) {
        try (ConsumerTask<String, String> task =
                kafka.consume(String.class, String.class).fromTopics(Topics.CHIPS_ALLOCATIONS)) {
            List<JsonNode> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                mine.clear();
                task.getRecords().stream()
                        .filter(r -> r.key().equals(requestId))
                        .forEach(r -> {
                            assertThat(header(r, "ce_type")).isEqualTo(EventTypes.ACCELERATORS_ALLOCATED);
                            assertThat(header(r, "ce_source")).isEqualTo("chip-service");
                            mine.add(json(r.value()));
                        });
                return mine.stream()
                                .mapToInt(a -> a.get("acceleratorIds").size())
                                .sum()
                        >= accelerators;
            });
            return mine;
        }
    }

    /** Thirteen weeks from the twin's start, a million good dies of each bin per week at P50. */
    private static String forecast(String fab) {
        StringBuilder weeks = new StringBuilder();
        Instant from = Instant.parse("2027-01-01T00:00:00Z");
        for (int w = 1; w <= 13; w++) {
            if (w > 1) {
                weeks.append(',');
            }
            weeks.append(
                    """
                    {"week":%d,"weekFrom":"%s","weekTo":"%s","wafersOut":{"p10":900,"p50":1000,"p90":1100},
                     "goodDiesBySku":{"TFA-1-bin1":{"p10":500000,"p50":1000000,"p90":1500000},
                                      "TFA-1-bin2":{"p10":500000,"p50":1000000,"p90":1500000},
                                      "TFA-1-bin3":{"p10":500000,"p50":1000000,"p90":1500000}}}""".formatted(w, from.plus(Duration.ofDays(7L * (w - 1))), from.plus(Duration.ofDays(7L * w))));
        }
        return """
                {"fab":"%s","from":"%s","replications":8,"weeks":[%s],"publishedAt":"%s"}""".formatted(fab, from, weeks, from);
    }

    @Test
    void aFabForecastBecomesAcceleratorAvailabilityPerWeekOnRestAndOnItsCompactedTopic() {
        send(event(
                Topics.FAB_FORECASTS,
                "it-fab",
                EventTypes.FAB_FORECAST_PUBLISHED,
                "fab-forecast-it-" + newId(),
                forecast("it-fab")));

        try (ConsumerTask<String, String> task =
                kafka.consume(String.class, String.class).fromTopics(Topics.CHIPS_AVAILABILITY)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            task.getRecords().stream().anyMatch(r -> r.key().equals("it-fab")));
            ConsumerRecord<String, String> record = task.getRecords().stream()
                    .filter(r -> r.key().equals("it-fab"))
                    .findFirst()
                    .orElseThrow();
            assertThat(header(record, "ce_type")).isEqualTo(EventTypes.ACCELERATOR_AVAILABILITY_PUBLISHED);
            assertThat(header(record, "ce_source")).isEqualTo("chip-service");
            JsonNode published = json(record.value());
            assertThat(published.get("fab").asText()).isEqualTo("it-fab");
            assertThat(published.get("forecastFrom").asText()).isEqualTo("2027-01-01T00:00:00Z");
            assertThat(published.get("weeks").size()).isBetween(1, 13);
        }

        JsonNode served = json(given().get("/inventory/availability")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(served.get("fab").asText()).isEqualTo("it-fab");
        JsonNode weeks = served.get("weeks");
        assertThat(weeks.size()).isGreaterThanOrEqualTo(2);
        JsonNode last = weeks.get(weeks.size() - 1);
        JsonNode beforeLast = weeks.get(weeks.size() - 2);
        assertThat(last.get("week").asInt()).isEqualTo(13);
        // a whole week of the forecast: 1,000,000 dies at P50 through packaging (0.98) and final test (0.97)
        assertThat(last.at("/bySku/TFA-1-bin1/p50").asLong()
                        - beforeLast.at("/bySku/TFA-1-bin1/p50").asLong())
                .isBetween(950_599L, 950_601L);
        assertThat(last.at("/accelerators/p50").asLong()
                        - beforeLast.at("/accelerators/p50").asLong())
                .isBetween(3 * 950_600L - 3, 3 * 950_600L + 3);
        long previousP50 = 0;
        for (JsonNode week : weeks) {
            JsonNode any = week.get("accelerators");
            assertThat(any.get("p10").asLong())
                    .isNotNegative()
                    .isLessThanOrEqualTo(any.get("p50").asLong());
            assertThat(any.get("p50").asLong())
                    .isLessThanOrEqualTo(any.get("p90").asLong());
            assertThat(any.get("p50").asLong()).isGreaterThanOrEqualTo(previousP50);
            previousP50 = any.get("p50").asLong();
        }
    }

    @Test
    void aWaferOutRaisesStockAndItsMetricAndTheSameEventTwiceIsCountedOnce() {
        long before = chips("TFA-1-bin1", "produced");
        long stockBefore = chips("TFA-1-bin1", "inStock");
        ProducerRecord<String, String> record = event(
                Topics.FAB_WAFER_OUTS,
                "LOT-IT-1",
                EventTypes.WAFER_OUT_RECORDED,
                "wafer-out-LOT-IT-1",
                waferOut("LOT-IT-1", "bin1", 100));
        send(record);
        send(record); // an integrator's retry: same event id
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/metrics")
                        .then()
                        .body(containsString(
                                "terafab_messaging_events_duplicates_total{channel=\"wafer-outs\",kind=\"event-id\"")));
        assertThat(chips("TFA-1-bin1", "produced")).isEqualTo(before + 95); // 100 dies → 98 packaged → 95 tested
        assertThat(chips("TFA-1-bin1", "inStock")).isEqualTo(stockBefore + 95);
        given().get("/inventory/lots/LOT-IT-1").then().statusCode(200).body("'TFA-1-bin1'", equalTo(95));
        given().get("/inventory/lots/LOT-IT-1/lineage")
                .then()
                .statusCode(200)
                .body("batches[0].batchId", equalTo("LOT-IT-1/TFA-1-bin1"))
                .body("batches[0].goodDies", equalTo(100))
                .body("batches[0].packaged", equalTo(98))
                .body("batches[0].chips.inStock", equalTo(95));
        given().get("/q/metrics")
                .then()
                .body(containsString(
                        "terafab_chips_chips{service=\"chip-service\",site=\"terafab-1\",sku=\"TFA-1-bin1\",state=\"produced\"} "
                                + (before + 95)))
                .body(containsString("terafab_messaging_events_consumed_total{channel=\"wafer-outs\""));
    }

    @Test
    void malformedAndSchemaInvalidRecordsGoToTheDeadLetterTopicWithAReasonAndChangeNothing() {
        long before = chips("TFA-1-bin2", "produced");
        send(event(Topics.FAB_WAFER_OUTS, "LOT-BAD-1", EventTypes.WAFER_OUT_RECORDED, newId(), "{not json"));
        send(event(
                Topics.FAB_WAFER_OUTS,
                "LOT-BAD-2",
                EventTypes.WAFER_OUT_RECORDED,
                newId(),
                waferOut("LOT-BAD-2", "bin2", 5).replace("\"wafers\":25", "\"wafers\":-3")));
        send(CloudEventRecords.bare(Topics.FAB_WAFER_OUTS, "LOT-BAD-3", waferOut("LOT-BAD-3", "bin2", 5)));
        send(event(
                Topics.FAB_WAFER_OUTS,
                "LOT-BAD-4",
                EventTypes.WAFER_OUT_RECORDED,
                newId(),
                waferOut("LOT-BAD-4", "bin2", 5).replace("TFA-1", "UNKNOWN-PRODUCT")));

        var dead = kafka.consume(String.class, String.class)
                .fromTopics(Topics.deadLetters(Topics.FAB_WAFER_OUTS), 4)
                .awaitCompletion(Duration.ofSeconds(30))
                .getRecords();
        assertThat(dead)
                .extracting(ConsumerRecord::key)
                .containsExactly("LOT-BAD-1", "LOT-BAD-2", "LOT-BAD-3", "LOT-BAD-4");
        assertThat(dead)
                .extracting(r -> header(r, "dead-letter-reason"))
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("malformed: payload is not JSON"),
                        r -> assertThat(r).isEqualTo("invalid-payload: wafers must be > 0, was -3"),
                        r -> assertThat(r).startsWith("missing-envelope: no ce_specversion"),
                        r -> assertThat(r).startsWith("unknown-entity: unknown product UNKNOWN-PRODUCT"));
        assertThat(dead.get(1).value()).contains("\"wafers\":-3"); // the original bytes are kept for the integrator
        assertThat(chips("TFA-1-bin2", "produced")).isEqualTo(before);
        given().get("/q/metrics")
                .then()
                .body(containsString(
                        "terafab_messaging_events_rejected_total{channel=\"wafer-outs\",reason=\"malformed\""))
                .body(containsString(
                        "terafab_messaging_events_rejected_total{channel=\"wafer-outs\",reason=\"invalid-payload\""));
        given().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * The capacity loop end to end: a request reserves from stock (stock falls by the count at
     * once), the chips are installed after the lead time into racks, one allocation per rack, and
     * the per-SKU inventory is published on the compacted topic.
     */
    @Test
    void aCapacityRequestReservesInstallsAfterTheLeadTimeAndPublishesTheAllocations() {
        send(event(
                Topics.FAB_WAFER_OUTS,
                "LOT-IT-2",
                EventTypes.WAFER_OUT_RECORDED,
                newId(),
                waferOut("LOT-IT-2", "bin3", 1000)));
        await().atMost(Duration.ofSeconds(30)).until(() -> chips("TFA-1-bin3", "produced") >= 950);
        long stockBefore = chips("TFA-1-bin3", "inStock");
        long installedBefore = chips("TFA-1-bin3", "installed");

        send(event(
                Topics.CLUSTER_CAPACITY_REQUESTS,
                "capreq-it-1",
                EventTypes.CAPACITY_REQUESTED,
                newId(),
                capacityRequest("capreq-it-1", 100, "TFA-1-bin3")));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/inventory/requests/capreq-it-1")
                        .then()
                        .statusCode(200)
                        .body("filledOnArrival", equalTo(100)));
        assertThat(stockBefore - chips("TFA-1-bin3", "inStock")).isEqualTo(100);

        List<JsonNode> allocations = allocationsOf("capreq-it-1", 100);
        assertThat(allocations).extracting(a -> a.get("sku").asText()).containsOnly("TFA-1-bin3");
        assertThat(allocations.stream()
                        .mapToInt(a -> a.get("acceleratorIds").size())
                        .sum())
                .isEqualTo(100);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(chips("TFA-1-bin3", "installed")).isEqualTo(installedBefore + 100);
            assertThat(chips("TFA-1-bin3", "reserved")).isZero();
        });
        assertThat(chips("TFA-1-bin3", "inStock")).isEqualTo(stockBefore - 100);
        given().get("/inventory").then().body("conserved", equalTo(true));
        String rack = allocations.get(0).get("rackId").asText();
        given().get("/inventory/racks/" + rack)
                .then()
                .statusCode(200)
                .body(
                        "lots.'LOT-IT-2'",
                        equalTo(allocations.get(0).get("acceleratorIds").size()));

        // the scheduler's job steps on jobs.events: a job started on that rack is in the lot's lineage until it ends
        send(event(Topics.JOBS_EVENTS, "job-it-1", EventTypes.JOB_STARTED, newId(), """
                {"jobId":"job-it-1","tenant":"research","accelerators":72,"racks":1,"pods":1,"backfilled":false,
                 "waitedSeconds":0.0,"startedAt":"2027-01-01T08:00:00Z","rackIds":["%s"]}""".formatted(rack)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/inventory/lots/LOT-IT-2/lineage")
                        .then()
                        .statusCode(200)
                        .body("jobs.find { it.jobId == 'job-it-1' }.racks", equalTo(List.of(rack)))
                        .body("jobs.find { it.jobId == 'job-it-1' }.until", equalTo(null)));
        send(event(Topics.JOBS_EVENTS, "job-it-1", EventTypes.JOB_COMPLETED, newId(), """
                {"jobId":"job-it-1","tenant":"research","acceleratorHours":720.0,
                 "completedAt":"2027-01-01T18:00:00Z"}"""));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/inventory/racks/" + rack)
                        .then()
                        .statusCode(200)
                        .body("jobs[0].jobId", equalTo("job-it-1"))
                        .body("jobs[0].endedAs", equalTo("completed"))
                        .body("jobs[0].until", equalTo("2027-01-01T18:00:00Z")));

        // the compacted inventory topic carries the SKU's latest counts, keyed by SKU, adding up
        try (ConsumerTask<String, String> task =
                kafka.consume(String.class, String.class).fromTopics(Topics.CHIPS_INVENTORY)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> task.getRecords().stream()
                            .filter(r -> r.key().equals("TFA-1-bin3"))
                            .map(r -> json(r.value()))
                            .anyMatch(r -> r.get("installed").asLong() == installedBefore + 100));
            ConsumerRecord<String, String> latest = task.getRecords().stream()
                    .filter(r -> r.key().equals("TFA-1-bin3"))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(header(latest, "ce_type")).isEqualTo(EventTypes.SKU_INVENTORY_REPORTED);
        }
    }

    /** A failure report takes the accelerator out (a removal is published); then it is returned, once. */
    @Test
    void aFailureReportRemovesTheAcceleratorAndOnlyAFailedOneCanBeReturned() {
        send(event(
                Topics.FAB_WAFER_OUTS,
                "LOT-IT-3",
                EventTypes.WAFER_OUT_RECORDED,
                newId(),
                waferOut("LOT-IT-3", "bin2", 100)));
        send(event(
                Topics.CLUSTER_CAPACITY_REQUESTS,
                "capreq-it-2",
                EventTypes.CAPACITY_REQUESTED,
                newId(),
                capacityRequest("capreq-it-2", 4, "TFA-1-bin2")));
        JsonNode allocation = allocationsOf("capreq-it-2", 4).get(0);
        String rack = allocation.get("rackId").asText();
        String broken = allocation.get("acceleratorIds").get(0).asText();
        long failedBefore = chips("TFA-1-bin2", "failed");

        send(event(
                Topics.SENSOR_ACCELERATOR_HEALTH,
                broken,
                EventTypes.ACCELERATOR_HEALTH_REPORTED,
                newId(),
                health(broken, rack, "failed")));
        send(event(
                Topics.SENSOR_ACCELERATOR_HEALTH,
                broken,
                EventTypes.ACCELERATOR_HEALTH_REPORTED,
                newId(),
                health(broken, "rack-99999", "failed")));

        ConsumerRecord<String, String> removal = kafka
                .consume(String.class, String.class)
                .fromTopics(Topics.CHIPS_REMOVALS)
                .awaitRecords(1, Duration.ofSeconds(30))
                .stop()
                .getRecords()
                .stream()
                .filter(r ->
                        json(r.value()).get("acceleratorIds").get(0).asText().equals(broken))
                .findFirst()
                .orElseThrow();
        assertThat(removal.key()).isEqualTo(rack);
        assertThat(header(removal, "ce_type")).isEqualTo(EventTypes.ACCELERATORS_REMOVED);
        assertThat(header(removal, "ce_id")).isEqualTo("removal-" + broken);
        assertThat(json(removal.value()).get("reason").asText()).isEqualTo("XID 79: fell off the bus");

        var dead = kafka.consume(String.class, String.class)
                .fromTopics(Topics.deadLetters(Topics.SENSOR_ACCELERATOR_HEALTH), 1)
                .awaitCompletion(Duration.ofSeconds(30))
                .getRecords();
        assertThat(header(dead.get(0), "dead-letter-reason")).isEqualTo("unknown-entity: unknown rack rack-99999");

        assertThat(chips("TFA-1-bin2", "failed")).isEqualTo(failedBefore + 1);
        given().get("/inventory/accelerators/" + broken)
                .then()
                .statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("lotId", equalTo("LOT-IT-3"));
        given().post("/inventory/accelerators/" + broken + "/return")
                .then()
                .statusCode(200)
                .body("state", equalTo("RETURNED"));
        given().post("/inventory/accelerators/" + broken + "/scrap")
                .then()
                .statusCode(409)
                .body("reason", containsString("is RETURNED"));
        given().post("/inventory/accelerators/TFA-1-bin2-99999999/scrap").then().statusCode(404);
        given().get("/inventory").then().body("conserved", equalTo(true));
        given().get("/q/metrics")
                .then()
                .body(
                        containsString(
                                "terafab_chips_chips{service=\"chip-service\",site=\"terafab-1\",sku=\"TFA-1-bin2\",state=\"returned\"}"))
                .body(containsString(
                        "terafab_chips_backordered{service=\"chip-service\",site=\"terafab-1\",sku=\"any\"}"))
                .body(containsString(
                        "terafab_chips_supply_seconds{service=\"chip-service\",site=\"terafab-1\",sku=\"TFA-1-bin2\"}"))
                .body(containsString("terafab_chips_production_rate_chips_per_second{"))
                .body(containsString("terafab_chips_fill_ratio{"))
                .body(containsString("terafab_chips_requested_total{"));
    }

    /** Records of a topic with this event id, read until there are {@code count}. */
    private List<ConsumerRecord<String, String>> withId(String topic, String eventId, int count) {
        try (ConsumerTask<String, String> task =
                kafka.consume(String.class, String.class).fromTopics(topic)) {
            return await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> task.getRecords().stream()
                                    .filter(r -> eventId.equals(header(r, "ce_id")))
                                    .toList(),
                            records -> records.size() >= count);
        }
    }

    @Test
    void anOperatorsCommandIsAnsweredOnceAppliedFromTheLogAndItsReSendIsADuplicate() {
        send(event(
                Topics.FAB_WAFER_OUTS,
                "LOT-IT-5",
                EventTypes.WAFER_OUT_RECORDED,
                newId(),
                waferOut("LOT-IT-5", "bin2", 100)));
        send(event(
                Topics.CLUSTER_CAPACITY_REQUESTS,
                "capreq-it-5",
                EventTypes.CAPACITY_REQUESTED,
                newId(),
                capacityRequest("capreq-it-5", 4, "TFA-1-bin2")));
        JsonNode allocation = allocationsOf("capreq-it-5", 4).get(0);
        String broken = allocation.get("acceleratorIds").get(0).asText();
        send(event(
                Topics.SENSOR_ACCELERATOR_HEALTH,
                broken,
                EventTypes.ACCELERATOR_HEALTH_REPORTED,
                newId(),
                health(broken, allocation.get("rackId").asText(), "failed")));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        given().get("/inventory/accelerators/" + broken).then().body("state", equalTo("FAILED")));
        long returnedBefore = chips("TFA-1-bin2", "returned");

        String key = "it-return-" + broken;
        given().header("Idempotency-Key", key)
                .post("/inventory/accelerators/" + broken + "/return")
                .then()
                .statusCode(200)
                .body("eventId", equalTo(key))
                .body("outcome", equalTo("applied"))
                .body("state", equalTo("RETURNED"));
        assertThat(chips("TFA-1-bin2", "returned")).isEqualTo(returnedBefore + 1);

        // the caller did not hear back and sends it again: the gate drops the copy by its id
        given().header("Idempotency-Key", key)
                .post("/inventory/accelerators/" + broken + "/return")
                .then()
                .statusCode(200)
                .body("eventId", equalTo(key))
                .body("outcome", equalTo("duplicate"))
                .body("state", equalTo("RETURNED"));
        assertThat(chips("TFA-1-bin2", "returned")).as("applied once").isEqualTo(returnedBefore + 1);

        // both on the log, as any consumer of chips.commands sees them
        List<ConsumerRecord<String, String>> commands = withId(Topics.CHIPS_COMMANDS, key, 2);
        assertThat(commands).hasSize(2).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(broken);
            assertThat(header(r, "ce_type")).isEqualTo(EventTypes.ACCELERATOR_RETURN_REQUESTED);
            assertThat(header(r, "ce_source")).isEqualTo("chip-service");
            assertThat(json(r.value()).get("acceleratorId").asText()).isEqualTo(broken);
            assertThat(json(r.value()).get("requestedBy").asText()).isNotBlank();
        });

        // a command the model refuses is dead-lettered like any input, with the reason the answer gives
        String reason = "not-allowed: accelerator " + broken + " is RETURNED: it cannot become SCRAPPED"
                + " (only a FAILED accelerator can)";
        String refusedId = given().post("/inventory/accelerators/" + broken + "/scrap")
                .then()
                .statusCode(409)
                .body("reason", equalTo(reason))
                .extract()
                .path("eventId");
        ConsumerRecord<String, String> dead =
                withId(Topics.deadLetters(Topics.CHIPS_COMMANDS), refusedId, 1).get(0);
        assertThat(header(dead, "dead-letter-reason")).isEqualTo(reason);
        assertThat(header(dead, "ce_type")).isEqualTo(EventTypes.ACCELERATOR_SCRAP_REQUESTED);
        given().get("/inventory/accelerators/" + broken).then().body("state", equalTo("RETURNED"));
        given().get("/q/metrics")
                .then()
                .body(containsString("terafab_messaging_events_duplicates_total{channel=\"commands\""));
    }
}
