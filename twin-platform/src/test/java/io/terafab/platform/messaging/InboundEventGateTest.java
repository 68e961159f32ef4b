package io.terafab.platform.messaging;

import static io.terafab.platform.messaging.OutputChannelTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.terafab.platform.envelope.CloudEventHeaders;
import io.terafab.platform.envelope.RejectionReason;
import io.terafab.platform.state.PendingEvent;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.state.StateKeepers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/** The gate on records polled from Kafka's MockConsumer, dead letters sent through its MockProducer. */
class InboundEventGateTest {

    private static final String TOPIC = "sensor.tool-telemetry";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final StateKeeper state = StateKeepers.withoutSnapshots(1);
    private final MockProducer<String, byte[]> dlq =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AppliedEvents appliedEvents = new AppliedEvents();
    private final InboundEventGate gate = gate();
    private final List<String> applied = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> nacked = new AtomicReference<>();
    private final CompletableFuture<Void> acked = new CompletableFuture<>();

    private InboundEventGate gate() {
        return Gates.gate(state, registry, dlq, appliedEvents);
    }

    /** Records at offsets 0, 1, ... polled from a MockConsumer: a value of null is an empty (malformed) record. */
    private Message<?> batch(String... values) {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        for (int offset = 0; offset < values.length; offset++) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(CloudEventHeaders.SPEC_VERSION, utf8("1.0"));
            headers.add(CloudEventHeaders.ID, utf8("e-" + offset));
            headers.add(CloudEventHeaders.TYPE, utf8("io.terafab.sensor.tool-telemetry-reported.v1"));
            headers.add(CloudEventHeaders.SOURCE, utf8("test"));
            headers.add(CloudEventHeaders.TIME, utf8("2027-01-01T00:00:00Z"));
            byte[] value = values[offset] == null ? new byte[0] : utf8(values[offset]);
            consumer.addRecord(new ConsumerRecord<>(
                    TOPIC,
                    0,
                    offset,
                    System.currentTimeMillis(),
                    org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                    -1,
                    value.length,
                    "etch-1.1",
                    value,
                    headers,
                    java.util.Optional.empty()));
        }
        var records = consumer.poll(Duration.ZERO);
        return Message.of(
                records,
                Metadata.of(new IncomingKafkaRecordBatchMetadata<>(records, "tool-telemetry", Map.of())),
                () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    nacked.set(failure);
                    return CompletableFuture.completedFuture(null);
                });
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void handle(InboundEvent event) {
        if (event.data().has("error")) {
            throw new OutOfMemoryError("Java heap space");
        }
        applied.add(event.envelope().id());
    }

    @Test
    void aBatchWaitsWhileTheOutboxIsFullAndIsAppliedOnceTheBrokerTookAnOutput() {
        PendingEvent owed =
                state.outbox().add("budgets", "b-1", "t", "fab", Instant.EPOCH, JsonNodeFactory.instance.objectNode());
        CompletableFuture<Void> done = gate.processBatch("tool-telemetry", batch("{}", "{}"), this::handle)
                .toCompletableFuture();
        assertThat(applied).as("inputs pause while the outbox is full").isEmpty();
        assertThat(done).isNotDone();

        state.outbox().remove(owed);
        done.join();
        assertThat(applied).containsExactly("e-0", "e-1");
        assertThat(acked).isDone();
        assertThat(registry.counter("terafab.messaging.backpressure.waits", "channel", "tool-telemetry")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aDeadLetterTheBrokerRefusesHoldsThePositionAndTheBatchUntilItIsTaken() {
        CompletableFuture<Void> done = gate.processBatch("tool-telemetry", batch("{}", null, "{}"), this::handle)
                .toCompletableFuture();
        assertThat(applied).containsExactly("e-0", "e-2");
        dlq.errorNext(new TimeoutException("Expiring 1 record(s) for sensor.tool-telemetry.dlq-0"));

        assertThat(state.nextOffset(TOPIC, 0))
                .as("a restart resumes at the rejected record")
                .isEqualTo(OptionalLong.of(1));
        assertThat(state.owedDeadLetter(TOPIC, 0, 1))
                .hasValueSatisfying(r -> assertThat(r).startsWith("malformed"));
        assertThat(done).as("the batch is not acknowledged").isNotDone();

        eventually(() -> dlq.history().size() == 2, "the dead letter is sent again");
        dlq.completeNext();
        done.join();
        assertThat(state.nextOffset(TOPIC, 0)).isEqualTo(OptionalLong.of(3));
        assertThat(dlq.history().get(1).topic()).isEqualTo(TOPIC + ".dlq");
        assertThat(new String(
                        dlq.history()
                                .get(1)
                                .headers()
                                .lastHeader(DeadLetterProducer.REASON)
                                .value(),
                        StandardCharsets.UTF_8))
                .startsWith("malformed");
        assertThat(registry.counter("terafab.messaging.dead.letter.failures", "topic", TOPIC)
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aReplayResendsTheOwedDeadLetterAndSkipsWhatWasApplied() {
        gate.processBatch("tool-telemetry", batch("{}", null, "{}"), this::handle);
        dlq.errorNext(new TimeoutException("broker unreachable"));
        // what a restart from a snapshot taken now would do: the consumer seeks back to offset 1
        CompletableFuture<Void> replay = gate.processBatch("tool-telemetry", batch("{}", null, "{}"), this::handle)
                .toCompletableFuture();
        while (!replay.isDone()) {
            dlq.completeNext();
            Thread.onSpinWait();
        }
        assertThat(applied).as("nothing applied twice").containsExactly("e-0", "e-2");
        assertThat(state.deadLettersOwedCount()).isZero();
    }

    @Test
    void whoWaitsForAnEventLearnsThatTheGateAppliedItOrWhyItRejectedIt() throws InterruptedException {
        appliedEvents.expect("e-0");
        appliedEvents.expect("e-1");
        gate.processBatch("tool-telemetry", batch("{}", "not json"), this::handle);

        assertThat(appliedEvents.await("e-0", Duration.ofSeconds(1)))
                .contains(new AppliedEvents.Result("e-0", AppliedEvents.Outcome.APPLIED, null, null));
        assertThat(appliedEvents.await("e-1", Duration.ofSeconds(1))).hasValueSatisfying(r -> {
            assertThat(r.outcome()).isEqualTo(AppliedEvents.Outcome.REJECTED);
            assertThat(r.rejection()).isEqualTo(RejectionReason.MALFORMED);
            assertThat(r.reason()).startsWith("malformed");
        });
        assertThat(appliedEvents.await("e-9", Duration.ofMillis(10)))
                .as("never published")
                .isEmpty();
    }

    @Test
    void anErrorInAHandlerStopsTheChannelAndNothingAfterItIsApplied() {
        CompletableFuture<Void> done = gate.processBatch(
                        "tool-telemetry", batch("{}", "{\"error\":true}", "{}"), this::handle)
                .toCompletableFuture();

        assertThat(done).isCompletedExceptionally();
        assertThat(nacked.get())
                .hasMessageContaining("channel tool-telemetry stopped")
                .hasMessageContaining("OutOfMemoryError");
        assertThat(acked).isNotDone();
        assertThat(applied).containsExactly("e-0");
        assertThat(state.nextOffset(TOPIC, 0))
                .as("the failed record is not skipped")
                .isEqualTo(OptionalLong.of(1));
        assertThat(state.halted()).contains(TOPIC + "/0@1");
    }
}
