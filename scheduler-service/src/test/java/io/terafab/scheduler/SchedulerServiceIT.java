package io.terafab.scheduler;

import static io.restassured.RestAssured.given;
import static io.terafab.testing.kafka.CloudEventRecords.event;
import static io.terafab.testing.kafka.CloudEventRecords.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.terafab.contract.EventTypes;
import io.terafab.contract.Topics;
import io.terafab.testing.kafka.InjectKafka;
import io.terafab.testing.kafka.KafkaBrokerTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * scheduler-service on a real broker, as another party sees it: topics, REST and metrics. The
 * tests share one cluster and build on each other's state in the order given: capacity arrives
 * and the queue drains; a backlog asks for capacity; a budget cut caps, then preempts; REST and
 * Kafka submissions, cancellations and removals; dead letters.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafka
    KafkaCompanion companion;

    @Test
    @Order(1)
    void allocationGrowsCapacityAndTheQueueDrains() {
        for (int i = 1; i <= 3; i++) {
            produce(job("drain-" + i, 8, 0.5, "normal"));
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(cluster().getInt("jobs.queued")).isEqualTo(3));
        assertThat(cluster().getInt("accelerators.total")).isZero();

        produce(allocation("it-request-0", "rack-it-0", "it0", 8));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath cluster = cluster();
            assertThat(cluster.getInt("accelerators.total")).isEqualTo(8);
            assertThat(cluster.getInt("jobs.completed")).isEqualTo(3);
            assertThat(cluster.getInt("jobs.queued")).isZero();
        });

        ConsumerRecord<String, String> completed = awaitJobEvent("drain-3", EventTypes.JOB_COMPLETED);
        assertThat(header(completed, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(completed, "ce_source")).isEqualTo("scheduler-service");
        assertThat(header(completed, "ce_id")).isEqualTo("drain-3-3-completed");
        assertThat(data(completed).get("acceleratorHours").asDouble()).isPositive();
        JsonNode started = data(awaitJobEvent("drain-1", EventTypes.JOB_STARTED));
        assertThat(started.get("accelerators").asInt()).isEqualTo(8);
        assertThat(started.get("racks").asInt()).isEqualTo(1);
        assertThat(data(awaitJobEvent("drain-1", EventTypes.JOB_QUEUED))
                        .get("priorityClass")
                        .asText())
                .isEqualTo("normal");
    }

    @Test
    @Order(2)
    void backlogPastItsThresholdPublishesACapacityRequestThatAnAllocationAnswers() {
        produce(job("big", 100, 1000, "normal")); // 92 short of the 8 free: past the backlog threshold of 72
        ConsumerRecord<String, String> request = companion
                .consume(String.class, String.class)
                .fromTopics(Topics.CLUSTER_CAPACITY_REQUESTS, 1)
                .awaitCompletion(WAIT)
                .getRecords()
                .get(0);
        String requestId = request.key();
        assertThat(requestId).matches("capreq-\\d{6}");
        assertThat(header(request, "ce_type")).isEqualTo(EventTypes.CAPACITY_REQUESTED);
        assertThat(header(request, "ce_id")).isEqualTo("capacity-" + requestId);
        assertThat(data(request).get("accelerators").asInt()).isEqualTo(144); // two racks of 72
        assertThat(cluster().getString("outstandingCapacityRequest.requestId")).isEqualTo(requestId);

        produce(allocation(requestId, "rack-it-1", "it1", 72));
        produce(allocation(requestId, "rack-it-2", "it2", 72));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath cluster = cluster();
            assertThat(cluster.getInt("accelerators.total")).isEqualTo(152);
            assertThat(cluster.getInt("accelerators.busy")).isEqualTo(100);
            assertThat(cluster.getInt("topology.racks")).isEqualTo(3);
            assertThat(cluster.getString("outstandingCapacityRequest")).isNull();
        });
        JsonNode started = data(awaitJobEvent("big", EventTypes.JOB_STARTED));
        assertThat(started.get("racks").asInt())
                .as("100 accelerators packed on two racks of 72")
                .isEqualTo(2);
    }

    @Test
    @Order(3)
    void budgetCutCapsRunningJobsThenPreemptsTheLowestPriority() {
        produce(job("critical", 40, 1000, "critical"));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(cluster().getInt("jobs.running")).isEqualTo(2));

        // full power: (140 x 1.2 + 12 x 0.3) kW x 1.25 = 214.5 kW; 170 kW is met by capping "big" alone
        produce(budget("dc", 0.17, "cut-1"));
        produce(budget("fab", 0.0001, "fab-1")); // another consumer's budget: not ours
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath cluster = cluster();
            assertThat(cluster.getDouble("power.budgetMw")).isCloseTo(0.17, within(1e-12));
            assertThat(cluster.getDouble("power.drawMw")).isLessThanOrEqualTo(0.17);
            assertThat(cluster.getInt("power.cappedJobs")).isEqualTo(1);
            assertThat(cluster.getInt("jobs.running")).isEqualTo(2);
        });
        assertThat(given().get("/jobs/big")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getDouble("powerShare"))
                .isLessThan(1);
        assertThat(given().get("/jobs/critical")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getDouble("powerShare"))
                .isEqualTo(1);
        assertThat(metrics())
                .contains("terafab_scheduler_jobs_power_capped_ratio")
                .doesNotContain("terafab_messaging_events_rejected_total{channel=\"power-budget\"");

        // 80 kW: even at its minimum share "big" does not fit beside "critical": it is preempted
        produce(budget("dc", 0.08, "cut-2"));
        JsonNode preempted = data(awaitJobEvent("big", EventTypes.JOB_PREEMPTED));
        assertThat(preempted.get("reason").asText()).isEqualTo("power");
        JsonPath cluster = cluster();
        assertThat(cluster.getInt("jobs.running")).isEqualTo(1);
        assertThat(cluster.getInt("jobs.preemptedForPower")).isEqualTo(1);
        assertThat(cluster.getDouble("power.drawMw")).isLessThanOrEqualTo(0.08);
        given().queryParam("state", "queued")
                .get("/jobs")
                .then()
                .statusCode(200)
                .body("jobId", equalTo(List.of("big")));
        assertThat(metrics()).containsPattern("terafab_scheduler_preemptions_total\\{[^}]*reason=\"power\"[^}]*} 1.0");
    }

    @Test
    @Order(4)
    void restSubmitsAndCancelsAndRefusesWhatCouldNeverRun() {
        given().contentType(ContentType.JSON)
                .body(jobJson("rest-huge", 200_000, 1, "normal"))
                .post("/jobs")
                .then()
                .statusCode(400)
                .body("reason", startsWith("invalid-payload"))
                .body("reason", containsString("could never run"));
        given().contentType(ContentType.JSON)
                .body(jobJson("rest-urgent", 4, 1, "urgent"))
                .post("/jobs")
                .then()
                .statusCode(400)
                .body("reason", containsString("priorityClass must be one of"));

        given().contentType(ContentType.JSON)
                .body(jobJson("rest-1", 4, 1000, "low"))
                .post("/jobs")
                .then()
                .statusCode(202)
                .body("jobId", equalTo("rest-1"));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> given().get("/jobs/rest-1").then().statusCode(200).body("priorityClass", equalTo("low")));
        given().contentType(ContentType.JSON)
                .body(jobJson("rest-1", 4, 1000, "low"))
                .post("/jobs")
                .then()
                .statusCode(409)
                .body("reason", startsWith("not-allowed"));

        given().contentType(ContentType.JSON)
                .body("{\"reason\":\"no longer needed\"}")
                .delete("/jobs/rest-1")
                .then()
                .statusCode(202);
        JsonNode cancelled = data(awaitJobEvent("rest-1", EventTypes.JOB_CANCELLED));
        assertThat(cancelled.get("reason").asText()).isEqualTo("no longer needed");
        given().delete("/jobs/rest-1").then().statusCode(409).body("reason", startsWith("not-allowed"));
        given().delete("/jobs/never-submitted").then().statusCode(404).body("reason", startsWith("unknown-entity"));

        JsonPath queues =
                given().get("/queues").then().statusCode(200).extract().jsonPath();
        assertThat(queues.getList("priorityClasses.name")).containsExactly("critical", "high", "normal", "low");
        assertThat(queues.getList("tenants.tenant")).contains("research");
    }

    @Test
    @Order(5)
    void removedAcceleratorFailsTheJobRunningOnIt() {
        assertThat(given().get("/cluster/racks")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("rackId"))
                .containsExactly("rack-it-0", "rack-it-1", "rack-it-2");
        JsonPath critical =
                given().get("/jobs/critical").then().statusCode(200).extract().jsonPath();
        assertThat(critical.getString("state")).isEqualTo("running");
        assertThat(critical.getInt("racks")).as("40 accelerators fit one rack").isEqualTo(1);
        String accelerator = critical.getString("gang[0]");
        int totalBefore = cluster().getInt("accelerators.total");
        produce(removal("rack-it-2", List.of(accelerator), "XID 79"));
        JsonNode failed = data(awaitJobEvent("critical", EventTypes.JOB_FAILED));
        assertThat(failed.get("reason").asText()).isEqualTo("accelerator " + accelerator + " failed: XID 79");
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(cluster().getInt("accelerators.total")).isEqualTo(totalBefore - 1));
    }

    @Test
    @Order(6)
    void submissionsThatCouldNeverBeAppliedAreDeadLetteredWithTheirReason() {
        produce(job("dlq-zero", 0, 1, "normal"));
        produce(job("dlq-urgent", 8, 1, "urgent"));
        produce(event(
                Topics.JOBS_REQUESTS,
                "dlq-ghost",
                EventTypes.JOB_CANCELLATION_REQUESTED,
                "cancel-dlq-ghost",
                "{\"jobId\":\"dlq-ghost\"}"));
        List<ConsumerRecord<String, String>> dead = companion
                .consume(String.class, String.class)
                .fromTopics(Topics.deadLetters(Topics.JOBS_REQUESTS), 3)
                .awaitCompletion(WAIT)
                .getRecords();
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly("dlq-zero", "dlq-urgent", "dlq-ghost");
        assertThat(header(dead.get(0), "dead-letter-reason")).startsWith("invalid-payload: accelerators must be > 0");
        assertThat(header(dead.get(1), "dead-letter-reason"))
                .isEqualTo("invalid-payload: priorityClass must be one of [critical, high, low, normal], was urgent");
        assertThat(header(dead.get(2), "dead-letter-reason")).startsWith("unknown-entity: no job dlq-ghost");
    }

    @Test
    @Order(7)
    void operatorMetricsExistWithBoundedTags() {
        String metrics = metrics();
        assertThat(metrics)
                .contains("terafab_scheduler_accelerators{", "state=\"busy\"", "state=\"free\"", "state=\"paused\"")
                .contains("terafab_scheduler_jobs{", "state=\"queued\"", "state=\"running\"")
                .contains("terafab_scheduler_job_wait_seconds_bucket{")
                .contains("terafab_scheduler_queue_jobs{", "tenant=\"other\"", "tenant=\"research\"")
                .contains("terafab_scheduler_utilization_ratio")
                .contains("terafab_scheduler_power_draw_watts", "terafab_scheduler_power_budget_watts")
                .contains("terafab_scheduler_jobs_ended_total{", "outcome=\"failed\"")
                .contains(
                        "terafab_scheduler_backlog_expected_wait_weeks",
                        "terafab_scheduler_backlog_uncovered_accelerators")
                .contains("terafab_scheduler_availability_coming_week_accelerators");
    }

    @Test
    @Order(20)
    void availabilityCapsTheNextCapacityRequestAndDatesTheBacklog() {
        Instant now = Instant.parse(cluster().getString("lastTickAt"));
        produce(event(
                Topics.CHIPS_AVAILABILITY,
                "fab",
                EventTypes.ACCELERATOR_AVAILABILITY_PUBLISHED,
                "availability-it-" + now.toEpochMilli(),
                """
                {"fab":"fab","forecastFrom":"%s","publishedAt":"%s","weeks":[
                  {"week":1,"weekTo":"%s","accelerators":{"p10":50,"p50":100,"p90":150},"bySku":{}},
                  {"week":2,"weekTo":"%s","accelerators":{"p10":50000,"p50":100000,"p90":150000},"bySku":{}}]}""".formatted(now, now, now.plus(Duration.ofDays(7)), now.plus(Duration.ofDays(14)))));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(String.valueOf(cluster().getString("backlog.comingWeekAvailableP50")))
                        .isEqualTo("100"));

        produce(job("capped-big", 1000, 1000, "normal"));
        // a request still unanswered from before is repeated only after the retry interval (24 h = 24 s here)
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            JsonPath cluster = cluster();
            assertThat(cluster.getInt("outstandingCapacityRequest.accelerators"))
                    .as("capped at the coming week's P50 (100) in whole racks of 72")
                    .isEqualTo(72);
            assertThat(cluster.getInt("outstandingCapacityRequest.wanted")).isGreaterThan(72);
            assertThat(cluster.getString("backlog.waitState")).isEqualTo("within-forecast");
            assertThat(cluster.getInt("backlog.availableInWeek")).isEqualTo(2);
            assertThat(cluster.getDouble("backlog.expectedWaitWeeks")).isBetween(1.0, 2.0);
        });
        assertThat(metrics()).containsPattern("terafab_scheduler_backlog_expected_wait_weeks\\{[^}]*} 1\\.");
    }

    @Test
    @Order(8)
    void aRestRequestIsAnsweredOnceAppliedFromJobsRequestsAndItsReSendIsADuplicate() {
        String key = "it-submit-rest-2";
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(jobJson("rest-2", 4, 1000, "low"))
                .post("/jobs")
                .then()
                .statusCode(202)
                .body("eventId", equalTo(key))
                .body("outcome", equalTo("applied"))
                .body("jobId", equalTo("rest-2"));
        // answered once applied: the job is there without waiting
        given().get("/jobs/rest-2").then().statusCode(200).body("priorityClass", equalTo("low"));
        long acceptedBefore = cluster().getLong("jobs.accepted");

        // sent again with the same key: a duplicate, not a second submission refused as one
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(jobJson("rest-2", 4, 1000, "low"))
                .post("/jobs")
                .then()
                .statusCode(202)
                .body("eventId", equalTo(key))
                .body("outcome", equalTo("duplicate"));
        assertThat(cluster().getLong("jobs.accepted")).as("applied once").isEqualTo(acceptedBefore);

        String cancelId = given().delete("/jobs/rest-2")
                .then()
                .statusCode(202)
                .body("outcome", equalTo("applied"))
                .body("status", equalTo("cancelled"))
                .extract()
                .path("eventId");
        given().get("/jobs/rest-2").then().statusCode(200).body("state", equalTo("cancelled"));

        try (ConsumerTask<String, String> requests =
                companion.consume(String.class, String.class).fromTopics(Topics.JOBS_REQUESTS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(requests.getRecords())
                        .filteredOn(r -> key.equals(header(r, "ce_id")))
                        .hasSize(2)
                        .allSatisfy(r -> assertThat(header(r, "ce_type")).isEqualTo(EventTypes.JOB_SUBMITTED));
                assertThat(requests.getRecords())
                        .filteredOn(r -> cancelId.equals(header(r, "ce_id")))
                        .singleElement()
                        .satisfies(r -> {
                            assertThat(r.key()).isEqualTo("rest-2");
                            assertThat(header(r, "ce_type")).isEqualTo(EventTypes.JOB_CANCELLATION_REQUESTED);
                        });
            });
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void produce(ProducerRecord<String, String> record) {
        companion.produce(String.class, String.class).fromRecords(record).awaitCompletion(WAIT);
    }

    /** Waits for the job's event of that type on {@code jobs.events}, read from the topic's beginning. */
    private ConsumerRecord<String, String> awaitJobEvent(String jobId, String type) {
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        try (ConsumerTask<String, String> events =
                companion.consume(String.class, String.class).fromTopics(Topics.JOBS_EVENTS)) {
            await().atMost(WAIT).untilAsserted(() -> {
                var match = events.getRecords().stream()
                        .filter(r -> jobId.equals(r.key()) && type.equals(header(r, "ce_type")))
                        .findFirst();
                assertThat(match)
                        .as("%s of %s on %s", type, jobId, Topics.JOBS_EVENTS)
                        .isPresent();
                found.set(match.get());
            });
        }
        return found.get();
    }

    private static ProducerRecord<String, String> allocation(String requestId, String rack, String prefix, int count) {
        String ids = IntStream.range(0, count)
                .mapToObj(i -> String.format("\"%s-%02d\"", prefix, i))
                .collect(Collectors.joining(","));
        return event(
                Topics.CHIPS_ALLOCATIONS,
                requestId,
                EventTypes.ACCELERATORS_ALLOCATED,
                "allocation-" + requestId + "-" + rack,
                """
                        {"requestId":"%s","sku":"TFA-1-bin1","rackId":"%s","acceleratorIds":[%s]}""".formatted(requestId, rack, ids));
    }

    private static ProducerRecord<String, String> removal(String rack, List<String> ids, String reason) {
        String quoted = ids.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(","));
        return event(
                Topics.CHIPS_REMOVALS,
                rack,
                EventTypes.ACCELERATORS_REMOVED,
                "removal-" + rack + "-" + ids,
                """
                {"rackId":"%s","sku":"TFA-1-bin1","acceleratorIds":[%s],"reason":"%s",
                 "removedAt":"2027-01-01T00:00:00Z"}""".formatted(rack, quoted, reason));
    }

    private static ProducerRecord<String, String> job(
            String jobId, int accelerators, double hours, String priorityClass) {
        return event(
                Topics.JOBS_REQUESTS,
                jobId,
                EventTypes.JOB_SUBMITTED,
                "submit-" + jobId,
                jobJson(jobId, accelerators, hours, priorityClass));
    }

    private static String jobJson(String jobId, int accelerators, double hours, String priorityClass) {
        return """
                {"jobId":"%s","tenant":"research","kind":"training","accelerators":%d,"durationHours":%s,
                 "priorityClass":"%s"}""".formatted(jobId, accelerators, hours, priorityClass);
    }

    private static ProducerRecord<String, String> budget(String consumer, double capMw, String id) {
        return event(Topics.POWER_BUDGET, consumer, EventTypes.BUDGET_ISSUED, "budget-" + id, """
                {"consumer":"%s","capMw":%s,"demandMw":1.0,"curtailed":true,
                 "issuedAt":"2027-01-01T00:00:00Z","validUntil":"2027-01-01T01:00:00Z"}""".formatted(
                        consumer, capMw));
    }

    private static JsonPath cluster() {
        return given().get("/cluster").then().statusCode(200).extract().jsonPath();
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
