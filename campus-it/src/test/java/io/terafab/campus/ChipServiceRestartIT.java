package io.terafab.campus;

import static io.terafab.testing.kafka.CloudEventRecords.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.terafab.contract.EventTypes;
import io.terafab.testing.kafka.ServiceProcess;
import io.terafab.testing.kafka.TestKafkaBroker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged chip-service keeps its state across a graceful restart and across {@code kill -9}:
 * nothing applied is lost, nothing is applied twice, and events published while it was down are
 * applied once it is back — without waiting out the consumer group's session timeout.
 */
class ChipServiceRestartIT {

    private static final String TOPIC = "restart-it.fab.wafer-outs";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHIPS_PER_LOT = 95; // 100 good dies at the default assembly yield of 0.95

    private static KafkaCompanion kafka;
    private static ServiceProcess chip;

    @BeforeAll
    static void startBroker() {
        kafka = new KafkaCompanion(TestKafkaBroker.bootstrapServers());
    }

    @AfterAll
    static void stopEverything() {
        if (chip != null) {
            chip.close();
        }
        kafka.close();
    }

    private static ServiceProcess chipService() {
        return ServiceProcess.of("chip-service", TestKafkaBroker.bootstrapServers(), Map.of(
                "mp.messaging.incoming.wafer-outs.topic", TOPIC,
                "mp.messaging.incoming.capacity-requests.topic", "restart-it.cluster.capacity-requests",
                "mp.messaging.outgoing.allocations.topic", "restart-it.chips.allocations",
                "kafka.group.id", "restart-it-chip-service",
                "twin.state.instance-id", "restart-it-chip",
                "twin.state.snapshot-interval", "300ms"));
    }

    private static List<ProducerRecord<String, String>> lots(int from, int to) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String lot = "LOT-R%05d".formatted(i);
            records.add(event(TOPIC, lot, EventTypes.WAFER_OUT_RECORDED, "wafer-out-" + lot, """
                    {"lotId":"%s","product":"TFA-1","wafers":25,"goodDiesByBin":{"bin1":100},
                     "startedAt":"2027-01-01T00:00:00Z","finishedAt":"2027-02-15T00:00:00Z"}""".formatted(lot)));
        }
        return records;
    }

    private static void publish(List<ProducerRecord<String, String>> records) {
        kafka.produce(String.class, String.class).fromRecords(records).awaitCompletion(Duration.ofSeconds(30));
    }

    private static JsonNode inventory() throws IOException {
        return JSON.readTree(chip.get("/inventory").body());
    }

    private static void awaitLotsRecorded(long lots) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode inv = inventory();
            assertThat(inv.get("lotsRecorded").asLong()).isEqualTo(lots);
            assertThat(inv.at("/skus/TFA-1-bin1/produced").asLong()).isEqualTo(lots * CHIPS_PER_LOT);
            assertThat(inv.get("conserved").asBoolean()).isTrue();
        });
    }

    @Test
    void stateSurvivesAGracefulRestartAndAKill9WithoutLossOrDoubleCounting() throws Exception {
        chip = chipService().start().awaitReady(Duration.ofSeconds(60));
        publish(lots(0, 200));
        awaitLotsRecorded(200);

        // graceful: SIGTERM writes a last snapshot
        chip.stop();
        publish(lots(200, 250));
        chip = chipService().start().awaitReady(Duration.ofSeconds(60));
        awaitLotsRecorded(250);

        // crash in the middle of a stream: events applied after the last snapshot are replayed onto it
        publish(lots(250, 400));
        await().atMost(Duration.ofSeconds(30)).until(() -> inventory().get("lotsRecorded").asLong() > 260);
        chip.kill9();
        publish(lots(400, 450));
        publish(lots(100, 150)); // an upstream re-publication of events already applied: same ids

        long restartedAt = System.nanoTime();
        chip = chipService().start().awaitReady(Duration.ofSeconds(60));
        awaitLotsRecorded(450);
        long caughtUpMillis = (System.nanoTime() - restartedAt) / 1_000_000;
        // A consumer that waited for the dead member's session to expire (45 s by default) could not be here yet.
        assertThat(caughtUpMillis).as("static membership resumes at once").isLessThan(40_000);
        System.out.printf("[restart-it] chip-service restarted after kill -9 and caught up in %d ms%n", caughtUpMillis);

        // nothing more arrives later: the state is final, not still converging
        Thread.sleep(1000);
        awaitLotsRecorded(450);
    }
}
