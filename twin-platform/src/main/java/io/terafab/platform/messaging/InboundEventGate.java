package io.terafab.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.terafab.platform.envelope.CloudEventHeaders;
import io.terafab.platform.envelope.EventEnvelope;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.envelope.RejectionReason;
import io.terafab.platform.state.ApplyOutcome;
import io.terafab.platform.state.StateKeeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The one path every inbound Kafka record takes: envelope check, JSON parse, exactly-once apply
 * under the state lock, and acknowledgement. A record that cannot be applied is nacked with a
 * {@link RejectedEventException}: the channel's dead-letter strategy then writes it to
 * {@code <topic>.dlq} with the reason in its {@code dead-letter-reason} header, and the channel
 * goes on. Counts per channel: consumed (by type), rejected (by reason), duplicates (by kind).
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

    public CompletionStage<Void> process(String channel, Message<byte[]> message, EventHandler handler) {
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("channel " + channel + " is not a Kafka channel"));
        String topic = record.getTopic();
        int partition = record.getPartition();
        long offset = record.getOffset();
        InboundEvent event;
        try {
            EventEnvelope envelope = CloudEventHeaders.read(record.getHeaders());
            JsonNode data = parse(message.getPayload());
            Object key = record.getKey();
            event = new InboundEvent(envelope, key == null ? null : key.toString(), topic, partition, offset, data, mapper);
        } catch (RejectedEventException e) {
            state.skip(topic, partition, offset);
            return reject(channel, message, e);
        }
        try {
            ApplyOutcome outcome = state.applyOnce(topic, partition, offset, event.envelope().id(),
                    () -> handler.handle(event));
            switch (outcome) {
                case APPLIED -> consumed(channel, event.type()).increment();
                case DUPLICATE_ID -> duplicates(channel, "event-id").increment();
                case ALREADY_APPLIED_OFFSET -> duplicates(channel, "offset").increment();
            }
            return message.ack();
        } catch (RejectedEventException e) {
            return reject(channel, message, e);
        } catch (RuntimeException e) {
            // A handler bug must not stop the channel: park the record with the cause and say so loudly.
            LOG.errorf(e, "Handler of %s failed on %s/%d@%d (event %s)", channel, topic, partition, offset,
                    event.envelope().id());
            registry.counter("terafab.messaging.events.rejected", "channel", channel, "reason", "handler-error")
                    .increment();
            return message.nack(new IllegalStateException("handler-error: " + e, e));
        }
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
            throw new RejectedEventException(RejectionReason.MALFORMED, "payload is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RejectedEventException(RejectionReason.MALFORMED, e.getMessage());
        }
    }

    private CompletionStage<Void> reject(String channel, Message<byte[]> message, RejectedEventException e) {
        registry.counter("terafab.messaging.events.rejected", "channel", channel, "reason", e.reason().code())
                .increment();
        LOG.debugf("Rejected a record of %s: %s", channel, e.getMessage());
        return message.nack(e);
    }

    private Counter consumed(String channel, String type) {
        return registry.counter("terafab.messaging.events.consumed", "channel", channel, "type", type);
    }

    private Counter duplicates(String channel, String kind) {
        return registry.counter("terafab.messaging.events.duplicates", "channel", channel, "kind", kind);
    }
}
