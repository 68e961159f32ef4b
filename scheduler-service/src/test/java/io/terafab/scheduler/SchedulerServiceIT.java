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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * scheduler-service on a real broker: allocations in, jobs in, the draw and capacity requests out,
 * budgets applied, bad submissions dead-lettered. The tests share one cluster and build on each
 * other's state in the order given (capacity, then a job on it, then a job beyond it).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafka
    KafkaCompanion companion;

    @Test
    @Order(1)
    void allocationRaisesCapacityAndASubmittedJobRunsOnIt() {
        produce(allocation("it-request-0", "rack-it-0", "it0", 8));
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster().getInt("accelerators.total")).isEqualTo(8));

        produce(job("job-it-1", 8, 1000, 0));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath cluster = cluster();
            assertThat(cluster.getInt("accelerators.busy")).isEqualTo(8);
            assertThat(cluster.getInt("accelerators.free")).isZero();
            assertThat(cluster.getInt("jobs.running")).isEqualTo(1);
        });
        given().queryParam("state", "running").get("/jobs").then().statusCode(200)
                .body("jobId", equalTo(List.of("job-it-1")));
    }

    @Test
    @Order(2)
    void everyTickReportsTheDataCenterDrawAsACloudEvent() {
        try (ConsumerTask<String, String> draws = companion.consume(String.class, String.class)
                .fromTopics(Topics.DC_POWER_DRAW)) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(draws.getRecords())
                    .anySatisfy(r -> assertThat(data(r).get("drawMw").asDouble()).isPositive()));
            ConsumerRecord<String, String> record = draws.getRecords().get(draws.getRecords().size() - 1);
            assertThat(record.key()).isEqualTo("dc");
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_type")).isEqualTo(EventTypes.DC_POWER_DRAW_REPORTED);
            assertThat(header(record, "ce_source")).isEqualTo("scheduler-service");
            assertThat(header(record, "ce_id")).matches("dc-power-\\d+");
            assertThat(header(record, "ce_time")).isNotBlank();
            JsonNode data = data(record);
            assertThat(data.get("consumer").asText()).isEqualTo("dc");
            assertThat(data.get("drawMw").asDouble()).isLessThanOrEqualTo(data.get("demandMw").asDouble());
        }
    }

    @Test
    @Order(3)
    void jobBeyondTheFreeCapacityTriggersACapacityRequestThatAnAllocationAnswers() {
        produce(job("job-it-2", 16, 1000, 0));
        ConsumerRecord<String, String> request = companion.consume(String.class, String.class)
                .fromTopics(Topics.CLUSTER_CAPACITY_REQUESTS, 1).awaitCompletion(WAIT).getRecords().get(0);
        String requestId = request.key();
        assertThat(requestId).matches("capreq-\\d{6}");
        assertThat(header(request, "ce_type")).isEqualTo(EventTypes.CAPACITY_REQUESTED);
        assertThat(header(request, "ce_id")).isEqualTo("capacity-" + requestId);
        assertThat(data(request).get("accelerators").asInt()).isEqualTo(72); // 16 short, one rack of 72
        assertThat(cluster().getString("outstandingCapacityRequest.requestId")).isEqualTo(requestId);

        produce(allocation(requestId, "rack-it-1", "it1", 72));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath cluster = cluster();
            assertThat(cluster.getInt("accelerators.total")).isEqualTo(80);
            assertThat(cluster.getInt("accelerators.busy")).isEqualTo(24);
            assertThat(cluster.getString("outstandingCapacityRequest")).isNull();
        });
    }

    @Test
    @Order(4)
    void dcBudgetCapsTheDrawAndOtherConsumersBudgetsAreIgnored() {
        double demandMw = cluster().getDouble("power.demandMw");
        double capMw = demandMw * 0.7; // above the idle floor of the 56 free accelerators
        produce(budget("dc", capMw));
        produce(budget("fab", capMw / 100));
        await().atMost(WAIT).untilAsserted(() -> assertThat(consumed("power-budget")).isEqualTo(2));
        JsonPath cluster = cluster();
        assertThat(cluster.getDouble("power.budgetMw")).isCloseTo(capMw, within(1e-9));
        assertThat(cluster.getDouble("power.powerFactor")).isLessThan(1);
        assertThat(cluster.getDouble("power.drawMw")).isLessThanOrEqualTo(capMw);
        assertThat(metrics()).doesNotContain("terafab_messaging_events_rejected_total{channel=\"power-budget\"");
    }

    @Test
    @Order(5)
    void restRefusesAJobThatCouldNeverRunAndAcceptsAValidOne() {
        given().contentType(ContentType.JSON).body(jobJson("job-rest-huge", 200_000, 1, 0)).post("/jobs")
                .then().statusCode(400)
                .body("reason", startsWith("invalid-payload"))
                .body("reason", containsString("could never run"));
        given().contentType(ContentType.JSON).body(jobJson("job-rest-zero", 0, 1, 0)).post("/jobs")
                .then().statusCode(400).body("reason", startsWith("invalid-payload"));

        given().contentType(ContentType.JSON).body(jobJson("job-rest-1", 4, 1000, 0)).post("/jobs")
                .then().statusCode(202).body("jobId", equalTo("job-rest-1"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/jobs/job-rest-1").then().statusCode(200)
                .body("state", equalTo("running")));
        given().contentType(ContentType.JSON).body(jobJson("job-rest-1", 4, 1000, 0)).post("/jobs")
                .then().statusCode(409).body("reason", startsWith("not-allowed"));
    }

    @Test
    @Order(6)
    void jobOfZeroAcceleratorsIsDeadLetteredAsInvalid() {
        produce(job("job-it-zero", 0, 1, 0));
        ConsumerRecord<String, String> dead = companion.consume(String.class, String.class)
                .fromTopics(Topics.deadLetters(Topics.JOBS_REQUESTS), 1).awaitCompletion(WAIT).getRecords().get(0);
        assertThat(dead.key()).isEqualTo("job-it-zero");
        assertThat(header(dead, "dead-letter-reason")).startsWith("invalid-payload");
        assertThat(cluster().getInt("jobs.accepted")).isEqualTo(3); // job-it-1, job-it-2, job-rest-1
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void produce(ProducerRecord<String, String> record) {
        companion.produce(String.class, String.class).fromRecords(record).awaitCompletion(WAIT);
    }

    private static ProducerRecord<String, String> allocation(String requestId, String rack, String prefix, int count) {
        String ids = IntStream.range(0, count).mapToObj(i -> "\"" + prefix + "-" + i + "\"")
                .collect(Collectors.joining(","));
        return event(Topics.CHIPS_ALLOCATIONS, requestId, EventTypes.ACCELERATORS_ALLOCATED,
                "allocation-" + requestId + "-" + rack, """
                        {"requestId":"%s","sku":"TFA-1-bin1","rackId":"%s","acceleratorIds":[%s]}"""
                        .formatted(requestId, rack, ids));
    }

    private static ProducerRecord<String, String> job(String jobId, int accelerators, double hours, int priority) {
        return event(Topics.JOBS_REQUESTS, jobId, EventTypes.JOB_SUBMITTED, "submit-" + jobId,
                jobJson(jobId, accelerators, hours, priority));
    }

    private static String jobJson(String jobId, int accelerators, double hours, int priority) {
        return """
                {"jobId":"%s","tenant":"research","kind":"training","accelerators":%d,"durationHours":%s,"priority":%d}"""
                .formatted(jobId, accelerators, hours, priority);
    }

    private static ProducerRecord<String, String> budget(String consumer, double capMw) {
        return event(Topics.POWER_BUDGET, consumer, EventTypes.BUDGET_ISSUED, "budget-" + consumer + "-" + capMw, """
                {"consumer":"%s","capMw":%s,"demandMw":1.0,"curtailed":true,
                 "issuedAt":"2027-01-01T00:00:00Z","validUntil":"2027-01-01T01:00:00Z"}"""
                .formatted(consumer, capMw));
    }

    private static JsonPath cluster() {
        return given().get("/cluster").then().statusCode(200).extract().jsonPath();
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** Events a channel applied (or acknowledged as not its own), from the gate's counter. */
    private static double consumed(String channel) {
        Pattern line = Pattern.compile("^terafab_messaging_events_consumed_total\\{[^}]*channel=\"" + channel
                + "\"[^}]*} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics());
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
