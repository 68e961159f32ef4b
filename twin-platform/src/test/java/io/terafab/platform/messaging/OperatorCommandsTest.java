package io.terafab.platform.messaging;

import static io.terafab.platform.messaging.OutputChannelTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.terafab.platform.envelope.CloudEventHeaders;
import io.terafab.platform.envelope.RejectionReason;
import io.terafab.platform.model.ModelRejection;
import io.terafab.platform.rest.CommandAnswers;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.state.StateKeepers;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * An operator's command on its way through the log: published on the commands channel, polled back
 * from a MockConsumer and applied by the same gate as any input; the REST caller learns what the
 * gate did with its id.
 */
class OperatorCommandsTest {

    private static final String TOPIC = "chips.commands";
    private static final String TYPE = "io.terafab.chips.accelerator-return-requested.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StateKeeper state = StateKeepers.withoutSnapshots(10);
    private final AppliedEvents appliedEvents = new AppliedEvents();
    private final MockProducer<String, byte[]> dlq =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final InboundEventGate gate = Gates.gate(state, new SimpleMeterRegistry(), dlq, appliedEvents);
    private final CommandsEmitter emitter = new CommandsEmitter();
    private final OperatorCommands commands = commands(Duration.ofSeconds(10));
    private final List<String> returned = new CopyOnWriteArrayList<>();
    private long nextOffset;

    private OperatorCommands commands(Duration timeout) {
        OperatorCommands commands = new OperatorCommands();
        commands.applied = appliedEvents;
        commands.state = state;
        commands.timeout = timeout;
        commands.register("commands", emitter);
        return commands;
    }

    /** The service's handler: returns a FAILED accelerator, refuses one it does not know. */
    private void handle(InboundEvent event) {
        String id = event.text("acceleratorId");
        if (id.startsWith("unknown")) {
            throw ModelRejection.unknown("unknown accelerator " + id);
        }
        returned.add(id);
    }

    private CompletableFuture<CommandOutcome> send(String eventId, String acceleratorId) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return commands.send(
                        "commands",
                        new OutgoingEvent(
                                TYPE, acceleratorId, eventId, Instant.EPOCH, Map.of("acceleratorId", acceleratorId)));
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });
    }

    /**
     * The broker takes what the channel sent; the service's consumer polls it and hands it to the
     * gate. The batch is acknowledged once its dead letters are (the test's MockProducer completes them).
     */
    private CompletableFuture<Void> brokerAcknowledgesAndTheGateConsumes(int expected) throws Exception {
        eventually(() -> emitter.sent.size() >= expected, expected + " commands sent");
        Message<?> message = emitter.sent.get(expected - 1);
        message.ack().toCompletableFuture().join();
        return gate.processBatch("commands", batchOf(message), this::handle).toCompletableFuture();
    }

    @Test
    void theAnswerWaitsUntilTheGateAppliedTheCommandAndAReSendOfItsIdIsADuplicate() throws Exception {
        CompletableFuture<CommandOutcome> first = send("key-1", "TFA-1-bin2-00000001");
        brokerAcknowledgesAndTheGateConsumes(1).join();
        assertThat(first.get()).isEqualTo(new CommandOutcome("key-1", CommandOutcome.Status.APPLIED, null, null));
        assertThat(commands.alreadyApplied("key-1")).isTrue();

        CompletableFuture<CommandOutcome> again = send("key-1", "TFA-1-bin2-00000001");
        brokerAcknowledgesAndTheGateConsumes(2).join();
        assertThat(again.get().status()).isEqualTo(CommandOutcome.Status.DUPLICATE);
        assertThat(returned).as("applied once").containsExactly("TFA-1-bin2-00000001");
    }

    @Test
    void aCommandTheModelRefusesIsDeadLetteredAndAnswersAsTheDirectPathDid() throws Exception {
        CompletableFuture<CommandOutcome> refused = send("key-2", "unknown-9");
        CompletableFuture<Void> batch = brokerAcknowledgesAndTheGateConsumes(1);

        CommandOutcome outcome = refused.get();
        assertThat(outcome.status()).isEqualTo(CommandOutcome.Status.REJECTED);
        assertThat(outcome.rejection()).isEqualTo(RejectionReason.UNKNOWN_ENTITY);
        assertThat(outcome.reason()).isEqualTo("unknown-entity: unknown accelerator unknown-9");
        assertThat(CommandAnswers.statusOf(outcome.rejection())).isEqualTo(Response.Status.NOT_FOUND);
        eventually(() -> dlq.history().size() == 1, "the dead letter");
        assertThat(dlq.history().get(0).topic()).isEqualTo(TOPIC + ".dlq");
        assertThat(batch).as("acknowledged once its dead letter is").isNotDone();
        dlq.completeNext();
        batch.join();
        assertThat(returned).isEmpty();
    }

    @Test
    void aCommandTheBrokerRefusesIsNotAwaitedAndSaysItIsNotOnTheLog() throws Exception {
        CompletableFuture<CommandOutcome> refused = send("key-3", "TFA-1-bin2-00000001");
        eventually(() -> emitter.sent.size() == 1, "sent");
        emitter.sent
                .get(0)
                .nack(new IllegalStateException("not authorized"))
                .toCompletableFuture()
                .join();

        assertThat(refused.get().status()).isEqualTo(CommandOutcome.Status.NOT_PUBLISHED);
        assertThat(refused.get().reason()).contains("not authorized");
        assertThat(appliedEvents.anyExpected())
                .as("nobody waits for it any more")
                .isFalse();
    }

    @Test
    void aCommandOnTheLogButNotAppliedInTimeIsPendingWithItsId() throws Exception {
        OperatorCommands impatient = commands(Duration.ofMillis(200));
        CompletableFuture<CommandOutcome> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return impatient.send(
                        "commands", new OutgoingEvent(TYPE, "a", "key-4", Instant.EPOCH, Map.of("acceleratorId", "a")));
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });
        eventually(() -> emitter.sent.size() == 1, "sent");
        emitter.sent.get(0).ack().toCompletableFuture().join(); // on the log; the gate is busy elsewhere

        assertThat(pending.get()).isEqualTo(new CommandOutcome("key-4", CommandOutcome.Status.PENDING, null, null));
    }

    @Test
    void anIdempotencyKeyBecomesTheEventIdAndWithoutOneTheIdIsFresh() {
        assertThat(commands.eventId("op-2026-12-04.1")).isEqualTo("op-2026-12-04.1");
        assertThat(commands.eventId(null)).isNotEqualTo(commands.eventId(null)).hasSize(36);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> commands.eventId("a b"))
                .isInstanceOf(ModelRejection.class)
                .hasMessageContaining("Idempotency-Key");
    }

    /** The record the consumer would poll for a sent message: its envelope in ce_* headers, its JSON as value. */
    private Message<?> batchOf(Message<?> sent) throws Exception {
        OutgoingCloudEventMetadata<?> ce =
                sent.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        OutgoingKafkaRecordMetadata<?> kafka =
                sent.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, utf8("1.0"));
        headers.add(CloudEventHeaders.ID, utf8(ce.getId()));
        headers.add(CloudEventHeaders.TYPE, utf8(ce.getType()));
        headers.add(CloudEventHeaders.SOURCE, utf8("chip-service"));
        headers.add(
                CloudEventHeaders.TIME,
                utf8(ce.getTimeStamp().orElseThrow().toInstant().toString()));
        byte[] value = JSON.writeValueAsBytes(sent.getPayload());
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(partition));
        consumer.updateBeginningOffsets(Map.of(partition, nextOffset));
        consumer.addRecord(new ConsumerRecord<>(
                TOPIC,
                0,
                nextOffset++,
                System.currentTimeMillis(),
                TimestampType.CREATE_TIME,
                -1,
                value.length,
                (String) kafka.getKey(),
                value,
                headers,
                java.util.Optional.empty()));
        var records = consumer.poll(Duration.ZERO);
        return Message.of(records, Metadata.of(new IncomingKafkaRecordBatchMetadata<>(records, "commands", Map.of())));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A commands channel that keeps what it was given; the test acknowledges or refuses each as the broker would. */
    private static final class CommandsEmitter implements Emitter<Object> {

        final List<Message<?>> sent = new CopyOnWriteArrayList<>(new ArrayList<>());

        @Override
        public <M extends Message<? extends Object>> void send(M message) {
            sent.add(message);
        }

        @Override
        public CompletionStage<Void> send(Object payload) {
            throw new UnsupportedOperationException("commands are sent as messages");
        }

        @Override
        public void complete() {}

        @Override
        public void error(Exception e) {}

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
