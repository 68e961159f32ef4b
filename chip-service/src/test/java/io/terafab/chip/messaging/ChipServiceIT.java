package io.terafab.chip.messaging;

import static io.restassured.RestAssured.given;
import static io.terafab.testing.kafka.CloudEventRecords.event;
import static io.terafab.testing.kafka.CloudEventRecords.header;
import static io.terafab.testing.kafka.CloudEventRecords.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.terafab.contract.EventTypes;
import io.terafab.contract.Topics;
import io.terafab.testing.kafka.CloudEventRecords;
import io.terafab.testing.kafka.InjectKafka;
import io.terafab.testing.kafka.KafkaBrokerTestResource;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** chip-service on the real broker: events in, state, metrics and dead letters out. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = true)
class ChipServiceIT {

    @InjectKafka
    KafkaCompanion kafka;

    private static String waferOut(String lot, int bin1Dies) {
        return """
                {"lotId":"%s","product":"TFA-1","wafers":25,"goodDiesByBin":{"bin1":%d},
                 "startedAt":"2027-01-01T00:00:00Z","finishedAt":"2027-02-15T00:00:00Z"}""".formatted(lot, bin1Dies);
    }

    private void send(ProducerRecord<String, String> record) {
        kafka.produce(String.class, String.class).fromRecords(record).awaitCompletion(Duration.ofSeconds(30));
    }

    private static long produced(String sku) {
        return given().get("/inventory").then().statusCode(200).extract().jsonPath().getLong("skus.'" + sku + "'.produced");
    }

    @Test
    void aWaferOutRaisesStockAndItsMetricAndTheSameEventTwiceIsCountedOnce() {
        long before = produced("TFA-1-bin1");
        ProducerRecord<String, String> record = event(Topics.FAB_WAFER_OUTS, "LOT-IT-1", EventTypes.WAFER_OUT_RECORDED,
                "wafer-out-LOT-IT-1", waferOut("LOT-IT-1", 100));
        send(record);
        send(record); // an integrator's retry: same event id
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then()
                .body(containsString("terafab_messaging_events_duplicates_total{channel=\"wafer-outs\",kind=\"event-id\"")));
        assertThat(produced("TFA-1-bin1")).isEqualTo(before + 95);
        given().get("/inventory/lots/LOT-IT-1").then().statusCode(200).body("'TFA-1-bin1'", equalTo(95));
        given().get("/q/metrics").then()
                .body(containsString("terafab_chips_chips{service=\"chip-service\",site=\"terafab-1\",sku=\"TFA-1-bin1\",state=\"produced\"} " + (before + 95)))
                .body(containsString("terafab_messaging_events_consumed_total{channel=\"wafer-outs\""));
    }

    @Test
    void malformedAndSchemaInvalidRecordsGoToTheDeadLetterTopicWithAReasonAndChangeNothing() {
        long before = produced("TFA-1-bin2");
        send(event(Topics.FAB_WAFER_OUTS, "LOT-BAD-1", EventTypes.WAFER_OUT_RECORDED, newId(), "{not json"));
        send(event(Topics.FAB_WAFER_OUTS, "LOT-BAD-2", EventTypes.WAFER_OUT_RECORDED, newId(),
                waferOut("LOT-BAD-2", 5).replace("\"wafers\":25", "\"wafers\":-3")));
        send(CloudEventRecords.bare(Topics.FAB_WAFER_OUTS, "LOT-BAD-3", waferOut("LOT-BAD-3", 5)));
        send(event(Topics.FAB_WAFER_OUTS, "LOT-BAD-4", EventTypes.WAFER_OUT_RECORDED, newId(),
                waferOut("LOT-BAD-4", 5).replace("TFA-1", "UNKNOWN-PRODUCT")));

        var dead = kafka.consume(String.class, String.class).fromTopics(Topics.deadLetters(Topics.FAB_WAFER_OUTS), 4)
                .awaitCompletion(Duration.ofSeconds(30)).getRecords();
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly("LOT-BAD-1", "LOT-BAD-2", "LOT-BAD-3", "LOT-BAD-4");
        assertThat(dead).extracting(r -> header(r, "dead-letter-reason")).satisfiesExactly(
                r -> assertThat(r).startsWith("malformed: payload is not JSON"),
                r -> assertThat(r).isEqualTo("invalid-payload: wafers must be > 0, was -3"),
                r -> assertThat(r).startsWith("missing-envelope: no ce_specversion"),
                r -> assertThat(r).startsWith("unknown-entity: unknown product UNKNOWN-PRODUCT"));
        assertThat(dead.get(1).value()).contains("\"wafers\":-3"); // the original bytes are kept for the integrator
        assertThat(produced("TFA-1-bin2")).isEqualTo(before);
        given().get("/q/metrics").then()
                .body(containsString("terafab_messaging_events_rejected_total{channel=\"wafer-outs\",reason=\"malformed\""))
                .body(containsString("terafab_messaging_events_rejected_total{channel=\"wafer-outs\",reason=\"invalid-payload\""));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aCapacityRequestInstallsFromStockAndPublishesTheAllocationWithItsEnvelope() {
        send(event(Topics.FAB_WAFER_OUTS, "LOT-IT-2", EventTypes.WAFER_OUT_RECORDED, newId(), waferOut("LOT-IT-2", 1000)
                .replace("bin1", "bin3")));
        await().atMost(Duration.ofSeconds(30)).until(() -> produced("TFA-1-bin3") >= 950);
        long stockBefore = given().get("/inventory").then().extract().jsonPath().getLong("skus.'TFA-1-bin3'.inStock");

        send(event(Topics.CLUSTER_CAPACITY_REQUESTS, "capreq-it-1", EventTypes.CAPACITY_REQUESTED, newId(),
                "{\"requestId\":\"capreq-it-1\",\"accelerators\":100,\"sku\":\"TFA-1-bin3\",\"priority\":1}"));

        var allocations = kafka.consume(String.class, String.class).fromTopics(Topics.CHIPS_ALLOCATIONS)
                .awaitRecords(1, Duration.ofSeconds(30)).getRecords();
        ConsumerRecord<String, String> allocation = allocations.stream().filter(r -> r.key().equals("capreq-it-1"))
                .findFirst().orElseThrow();
        assertThat(header(allocation, "ce_type")).isEqualTo(EventTypes.ACCELERATORS_ALLOCATED);
        assertThat(header(allocation, "ce_source")).isEqualTo("chip-service");
        assertThat(header(allocation, "ce_id")).isEqualTo("allocation-capreq-it-1-0");
        assertThat(allocation.value()).contains("\"sku\":\"TFA-1-bin3\"");
        long stockAfter = given().get("/inventory").then().body("conserved", equalTo(true))
                .extract().jsonPath().getLong("skus.'TFA-1-bin3'.inStock");
        assertThat(stockBefore - stockAfter).isEqualTo(100);
    }
}
