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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged chip-service keeps its state across a graceful restart and across {@code kill -9}
 * in the middle of a stream: nothing applied is lost, nothing is applied twice, and events
 * published while it was down are applied once it is back — without waiting out the consumer
 * group's session timeout.
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
        return ServiceProcess.of(
                "chip-service",
                TestKafkaBroker.bootstrapServers(),
                Map.of(
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
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode inv = inventory();
                    assertThat(inv.get("lotsRecorded").asLong()).isEqualTo(lots);
                    assertThat(inv.at("/skus/TFA-1-bin1/produced").asLong()).isEqualTo(lots * CHIPS_PER_LOT);
                    assertThat(inv.get("conserved").asBoolean()).isTrue();
                });
    }

    /** What chip-service's gate did with the wafer-outs since it started: counters restart with the process. */
    private static MetricsScrape metrics() throws IOException {
        return new MetricsScrape(chip.get("/q/metrics").body());
    }

    private static double ofWaferOuts(MetricsScrape metrics, String counter, Map<String, String> labels) {
        Map<String, String> filter = new HashMap<>(labels);
        filter.put("channel", "wafer-outs");
        return metrics.sum(counter, filter);
    }

    @Test
    void stateSurvivesAGracefulRestartAndAKill9WithoutLossOrDoubleCounting() throws Exception {
        chip = chipService().start(); // held before the wait, so a service that never gets ready is stopped too
        chip.awaitReady(Duration.ofSeconds(60));
        publish(lots(0, 200));
        awaitLotsRecorded(200);

        // graceful: SIGTERM writes a last snapshot
        chip.stop();
        publish(lots(200, 250));
        chip = chipService().start();
        chip.awaitReady(Duration.ofSeconds(60));
        awaitLotsRecorded(250);

        // crash in the middle of a stream: lots 250..399 go out one by one while the service applies them,
        // and it is killed once it applied some; events applied after its last snapshot are replayed onto it
        long appliedBeforeKill;
        int sentByTheKill;
        try (PacedStream stream = new PacedStream(lots(250, 400), Duration.ofMillis(20))) {
            appliedBeforeKill = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> inventory().get("lotsRecorded").asLong(), n -> n > 260);
            chip.kill9();
            sentByTheKill = stream.handedOver();
            stream.awaitEnd(Duration.ofSeconds(60));
        }
        // applied at the kill: at least what was read before it, at most what had been sent by then
        assertThat(appliedBeforeKill - 250)
                .as("lots of the stream applied before the kill")
                .isPositive();
        assertThat(sentByTheKill).as("lots of the stream sent by the kill").isLessThan(150);
        System.out.printf(
                "[restart-it] killed after at least %d and at most %d of the stream's 150 lots were applied%n",
                appliedBeforeKill - 250, sentByTheKill);
        publish(lots(400, 450));
        publish(lots(100, 150)); // an upstream re-publication of events already applied: same ids
        int produced = 200 + 50 + 150 + 50 + 50;

        long restartedAt = System.nanoTime();
        chip = chipService().start();
        chip.awaitReady(Duration.ofSeconds(60));
        // Every record of the topic accounted for: a lot the state holds (applied once, before or after
        // the restart), or one the restarted service dropped as a copy or refused. After that nothing
        // is left to arrive, so the state below is final.
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    long lots = inventory()
                            .get("lotsRecorded")
                            .asLong(); // first: the counters read after can only be ahead
                    MetricsScrape m = metrics();
                    return lots
                                    + ofWaferOuts(m, "terafab_messaging_events_duplicates_total", Map.of())
                                    + ofWaferOuts(m, "terafab_messaging_events_rejected_total", Map.of())
                            >= produced;
                });
        long caughtUpMillis = (System.nanoTime() - restartedAt) / 1_000_000;
        // A consumer that waited for the dead member's session to expire (45 s by default) could not be here yet.
        assertThat(caughtUpMillis).as("static membership resumes at once").isLessThan(40_000);
        System.out.printf("[restart-it] chip-service restarted after kill -9 and caught up in %d ms%n", caughtUpMillis);

        JsonNode inv = inventory();
        MetricsScrape m = metrics();
        assertThat(inv.get("lotsRecorded").asLong())
                .as("lots recorded, each once")
                .isEqualTo(450);
        assertThat(inv.at("/skus/TFA-1-bin1/produced").asLong()).isEqualTo(450 * CHIPS_PER_LOT);
        assertThat(inv.get("conserved").asBoolean()).isTrue();
        assertThat(ofWaferOuts(m, "terafab_messaging_events_duplicates_total", Map.of("kind", "event-id")))
                .as("the re-published lots, dropped by their ids")
                .isEqualTo(50);
        assertThat(ofWaferOuts(m, "terafab_messaging_events_duplicates_total", Map.of()))
                .as("copies of any kind")
                .isEqualTo(50);
        assertThat(ofWaferOuts(m, "terafab_messaging_events_rejected_total", Map.of()))
                .as("refused")
                .isZero();
    }

    /** Sends records one at a time, a little apart, on a thread of its own: a stream to kill the service in. */
    private static final class PacedStream implements AutoCloseable {

        private final KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafkaBroker.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
        private final AtomicInteger handedOver = new AtomicInteger();
        private final Thread thread;
        private volatile Exception failure;

        PacedStream(List<ProducerRecord<String, String>> records, Duration gap) {
            thread = new Thread(
                    () -> {
                        try {
                            for (ProducerRecord<String, String> record : records) {
                                handedOver.incrementAndGet(); // before the send: the count bounds what the broker can
                                // have
                                producer.send(record).get();
                                Thread.sleep(gap.toMillis());
                            }
                        } catch (Exception e) {
                            failure = e;
                        }
                    },
                    "restart-it-stream");
            thread.start();
        }

        /** Records given to the producer so far. */
        int handedOver() {
            return handedOver.get();
        }

        void awaitEnd(Duration timeout) throws Exception {
            thread.join(timeout.toMillis());
            assertThat(thread.isAlive())
                    .as("the stream is still sending after %s", timeout)
                    .isFalse();
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void close() {
            thread.interrupt();
            producer.close(Duration.ofSeconds(5));
        }
    }
}
