package io.terafab.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.ClientProxy;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.terafab.platform.envelope.CloudEventHeaders;
import io.terafab.platform.envelope.EventEnvelope;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.envelope.RejectionReason;
import io.terafab.platform.model.ModelRejection;
import io.terafab.platform.state.ApplyOutcome;
import io.terafab.platform.state.Outbox;
import io.terafab.platform.state.StateKeeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.zip.CRC32C;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The one path every inbound Kafka record takes: size and envelope checks, JSON parse, exactly-once
 * apply under the state lock, and acknowledgement.
 *
 * <p>Records arrive in batches (every incoming channel runs with {@code batch=true}, see
 * {@link ChannelDefaultsConfigSourceFactory}): the envelope and JSON of each record are read outside
 * the state lock, then the whole batch is applied under one lock acquisition, record by record in
 * offset order. A record that cannot be applied is written to {@code <topic>.dlq} with the reason
 * in its {@code dead-letter-reason} header by {@link DeadLetterProducer}, outside the lock, and the
 * batch goes on; the batch is acknowledged once its dead letters are.
 * Counts per channel: consumed (by type), rejected (by reason), duplicates (by kind), and the
 * latency from a record's creation (its Kafka timestamp) to its application.
 */
@ApplicationScoped
public class InboundEventGate {

    private static final Logger LOG = Logger.getLogger(InboundEventGate.class);

    @Inject
    StateKeeper state;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    @Inject
    MessagingConfig config;

    @Inject
    DeadLetterProducer deadLetters;

    @Inject
    AppliedEvents appliedEvents;

    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

    /**
     * Applies a batch of records of one channel; the returned stage acknowledges the batch once the
     * dead letters of its rejected records are acknowledged. While the outbox is full the batch
     * waits for room (backpressure: the consumer pauses once its queue is full too).
     */
    @SuppressWarnings("unchecked")
    public CompletionStage<Void> processBatch(String channel, Message<?> batch, EventHandler handler) {
        Outbox outbox = state.outbox();
        if (!outbox.hasRoom()) {
            registry.counter("terafab.messaging.backpressure.waits", "channel", channel)
                    .increment();
            return outbox.whenRoom()
                    .thenComposeAsync(
                            room -> processBatch(channel, batch, handler), Infrastructure.getDefaultWorkerPool());
        }
        IncomingKafkaRecordBatchMetadata<String, byte[]> metadata = batch.getMetadata(
                        IncomingKafkaRecordBatchMetadata.class)
                .orElseThrow(() -> new IllegalStateException("channel " + channel
                        + " does not deliver Kafka record batches (batch=true is set for every Kafka channel)"));
        List<Prepared> prepared = new ArrayList<>(metadata.count());
        EventHandler.Expects expects = handler.expects();
        for (ConsumerRecord<String, byte[]> record : metadata.getRecords()) {
            prepared.add(prepare(record, expects));
        }
        BatchTally tally = new BatchTally(prepared.size(), appliedEvents.anyExpected());
        // the bean behind the client proxy, once per batch: the proxy resolved it on every call (4 % of the samples)
        StateKeeper state = ClientProxy.unwrap(this.state);
        try {
            state.batch(() -> prepared.forEach(p -> apply(state, channel, p, handler, tally)));
        } catch (Error e) {
            // The change may be half-made: the state halted with the record's position before it
            // (StateKeeper#applyOnce). Stop the channel rather than apply what comes after.
            IllegalStateException stop =
                    new IllegalStateException("channel " + channel + " stopped: " + state.halted(), e);
            batch.nack(stop);
            return CompletableFuture.failedFuture(stop);
        }
        tally.publish(registry, channel, latency(channel));
        tally.settled.forEach(appliedEvents::settled);
        CompletableFuture<?>[] deadLettersSent = tally.deadLetters.stream()
                .map(r -> deadLetters.send(r.record(), r.reason()).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(deadLettersSent).thenCompose(sent -> batch.ack());
    }

    /** A record read outside the lock: its event, or why it cannot be one. */
    private record Prepared(
            ConsumerRecord<String, byte[]> record, InboundEvent event, RejectedEventException rejection) {}

    private Prepared prepare(ConsumerRecord<String, byte[]> record, EventHandler.Expects expects) {
        try {
            byte[] payload = record.value();
            if (payload != null && payload.length > config.maxPayloadBytes()) {
                throw new RejectedEventException(
                        RejectionReason.OVERSIZED,
                        "payload of " + payload.length + " bytes is over the limit of " + config.maxPayloadBytes());
            }
            EventEnvelope envelope = CloudEventHeaders.read(record.headers());
            if (expects != null && expects.type().equals(envelope.type())) {
                // one JSON pass straight into the payload record; when it does not succeed, the usual
                // path below (tree, then the handler's binding) decides and words the rejection
                Object bound = EventPayloads.readInOnePass(mapper, payload, expects.payloadType());
                if (bound != null) {
                    return new Prepared(
                            record,
                            InboundEvent.withPayload(
                                    envelope,
                                    record.key(),
                                    record.topic(),
                                    record.partition(),
                                    record.offset(),
                                    payload,
                                    bound,
                                    mapper),
                            null);
                }
            }
            JsonNode data = parse(payload);
            return new Prepared(
                    record,
                    new InboundEvent(
                            envelope, record.key(), record.topic(), record.partition(), record.offset(), data, mapper),
                    null);
        } catch (RejectedEventException e) {
            return new Prepared(record, null, e);
        }
    }

    private void apply(StateKeeper state, String channel, Prepared p, EventHandler handler, BatchTally tally) {
        ConsumerRecord<String, byte[]> record = p.record();
        if (state.alreadyHandled(record.topic(), record.partition(), record.offset())) {
            // a replay from a position held back by a dead letter still owed: send that one, skip the rest
            state.owedDeadLetter(record.topic(), record.partition(), record.offset())
                    .ifPresentOrElse(
                            reason -> tally.deadLetters.add(new DeadLetter(record, reason)),
                            () -> tally.duplicate("offset"));
            return;
        }
        if (p.rejection() != null) {
            reject(state, record, p.rejection(), tally);
            return;
        }
        InboundEvent event = p.event();
        try {
            ApplyOutcome outcome = state.applyOnce(
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    event.envelope().id(),
                    fingerprint(event.type(), record.value()),
                    () -> handler.handle(event));
            switch (outcome) {
                case APPLIED ->
                    tally.applied(
                            event.type(), record.timestamp(), event.envelope().id());
                case DUPLICATE_ID ->
                    tally.duplicate("event-id", event.envelope().id());
                case ALREADY_APPLIED_OFFSET -> tally.duplicate("offset");
            }
        } catch (RejectedEventException e) {
            reject(state, record, e, tally);
        } catch (ModelRejection e) {
            reject(state, record, RejectedEventException.of(e), tally);
        } catch (RuntimeException e) {
            // A handler bug must not stop the channel: park the record with the cause and say so loudly.
            LOG.errorf(
                    e,
                    "Handler of %s failed on %s/%d@%d (event %s)",
                    channel,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    event.envelope().id());
            reject(state, record, new RejectedEventException(RejectionReason.HANDLER_ERROR, e.toString()), tally);
        }
    }

    private void reject(
            StateKeeper state, ConsumerRecord<String, byte[]> record, RejectedEventException e, BatchTally tally) {
        LOG.debugf("Rejected %s/%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
        state.oweDeadLetter(record.topic(), record.partition(), record.offset(), e.getMessage());
        tally.deadLetters.add(new DeadLetter(record, e.getMessage()));
        tally.rejected(record, e);
    }

    /** Tells an exact replay of an event from another event reusing its id. */
    static long fingerprint(String type, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(type.getBytes(StandardCharsets.UTF_8));
        crc.update(payload);
        return crc.getValue() + 1; // never AppliedEventWindow.UNKNOWN_FINGERPRINT (0)
    }

    private JsonNode parse(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new RejectedEventException(RejectionReason.MALFORMED, "empty payload");
        }
        try {
            JsonNode node = mapper.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new RejectedEventException(RejectionReason.MALFORMED, "payload is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RejectedEventException(
                    RejectionReason.MALFORMED, "payload is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RejectedEventException(RejectionReason.MALFORMED, e.getMessage());
        }
    }

    private Timer latency(String channel) {
        return latencies.computeIfAbsent(
                channel,
                c -> Timer.builder("terafab.messaging.ingest.latency")
                        .description(
                                "From a record's creation (its Kafka timestamp) to its application to the twin's state")
                        .tag("channel", c)
                        .publishPercentiles(0.5, 0.99, 0.999)
                        .percentilePrecision(2)
                        .distributionStatisticExpiry(config.latencyWindow())
                        .distributionStatisticBufferLength(3)
                        // buckets fine enough in 1-100 ms to read percentiles from their deltas (bench/run ingest);
                        // 5 ms, 20 ms, 100 ms, 1 s and 10 s, the only ones before, stay for the queries that use them
                        .serviceLevelObjectives(LongStream.of(
                                        1, 2, 3, 5, 7, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 300, 500, 1_000,
                                        2_000, 5_000, 10_000)
                                .mapToObj(Duration::ofMillis)
                                .toArray(Duration[]::new))
                        .register(registry));
    }

    /** A rejected record whose dead letter the batch owes. */
    private record DeadLetter(ConsumerRecord<String, byte[]> record, String reason) {}

    /** What one batch did, counted locally and added to the meters once per batch, and the dead letters it owes. */
    private static final class BatchTally {

        final List<DeadLetter> deadLetters = new ArrayList<>();
        /** What became of the events somebody waits for (see {@link AppliedEvents}); only kept when someone does. */
        final List<AppliedEvents.Result> settled = new ArrayList<>();

        private final boolean settling;

        private final Map<String, Integer> consumed = new HashMap<>();
        private final Map<String, Integer> rejected = new HashMap<>();
        private final Map<String, Integer> duplicates = new HashMap<>();
        private final long[] createdAt; // of the applied records, unboxed: this runs for every record
        private int appliedCount;

        BatchTally(int records, boolean settling) {
            createdAt = new long[records];
            this.settling = settling;
        }

        void applied(String type, long timestampMillis, String eventId) {
            consumed.merge(type, 1, Integer::sum);
            createdAt[appliedCount++] = timestampMillis;
            settle(AppliedEvents.Result.applied(eventId));
        }

        void rejected(ConsumerRecord<String, byte[]> record, RejectedEventException e) {
            rejected.merge(e.reason().code(), 1, Integer::sum);
            if (settling) {
                var id = record.headers().lastHeader(CloudEventHeaders.ID);
                if (id != null) {
                    settle(new AppliedEvents.Result(
                            new String(id.value(), StandardCharsets.UTF_8),
                            AppliedEvents.Outcome.REJECTED,
                            e.reason(),
                            e.getMessage()));
                }
            }
        }

        void duplicate(String kind) {
            duplicates.merge(kind, 1, Integer::sum);
        }

        void duplicate(String kind, String eventId) {
            duplicate(kind);
            settle(AppliedEvents.Result.duplicate(eventId));
        }

        private void settle(AppliedEvents.Result result) {
            if (settling) {
                settled.add(result);
            }
        }

        void publish(MeterRegistry registry, String channel, Timer latency) {
            consumed.forEach(
                    (type, n) -> registry.counter("terafab.messaging.events.consumed", "channel", channel, "type", type)
                            .increment(n));
            rejected.forEach((reason, n) -> registry.counter(
                            "terafab.messaging.events.rejected", "channel", channel, "reason", reason)
                    .increment(n));
            duplicates.forEach((kind, n) -> registry.counter(
                            "terafab.messaging.events.duplicates", "channel", channel, "kind", kind)
                    .increment(n));
            long now = System.currentTimeMillis();
            for (int i = 0; i < appliedCount; i++) {
                latency.record(Math.max(0, now - createdAt[i]), TimeUnit.MILLISECONDS);
            }
        }
    }
}
