package io.terafab.platform.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.platform.envelope.EventEnvelope;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.envelope.RejectionReason;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One inbound event whose envelope was validated: the envelope, where it came from, and its JSON data.
 *
 * <p>When the gate could read the payload record in its single pass ({@link EventPayloads#readInOnePass}),
 * the event carries it and builds the JSON tree only if someone asks for it.
 */
public final class InboundEvent {

    private final EventEnvelope envelope;
    private final String key;
    private final String topic;
    private final int partition;
    private final long offset;
    private final ObjectMapper mapper;
    private final byte[] json;
    private final Object payload;
    private JsonNode data;

    public InboundEvent(
            EventEnvelope envelope,
            String key,
            String topic,
            int partition,
            long offset,
            JsonNode data,
            ObjectMapper mapper) {
        this(envelope, key, topic, partition, offset, data, mapper, null, null);
    }

    private InboundEvent(
            EventEnvelope envelope,
            String key,
            String topic,
            int partition,
            long offset,
            JsonNode data,
            ObjectMapper mapper,
            byte[] json,
            Object payload) {
        this.envelope = envelope;
        this.key = key;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.data = data;
        this.mapper = mapper;
        this.json = json;
        this.payload = payload;
    }

    /** An event whose payload record was read from {@code json} in one pass; its tree is read on demand. */
    static InboundEvent withPayload(
            EventEnvelope envelope,
            String key,
            String topic,
            int partition,
            long offset,
            byte[] json,
            Object payload,
            ObjectMapper mapper) {
        return new InboundEvent(envelope, key, topic, partition, offset, null, mapper, json, payload);
    }

    public EventEnvelope envelope() {
        return envelope;
    }

    public String key() {
        return key;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The JSON data (an object). */
    public JsonNode data() {
        if (data == null) {
            try {
                data = mapper.readTree(json); // the single pass read an object from these bytes: this cannot fail
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return data;
    }

    public String type() {
        return envelope.type();
    }

    /** Rejects the event as {@code unsupported-type} unless its type is the one this topic carries. */
    public InboundEvent expectType(String expected) {
        if (!expected.equals(type())) {
            throw new RejectedEventException(
                    RejectionReason.UNSUPPORTED_TYPE,
                    "type " + type() + " is not consumed from " + topic + " (expected " + expected + ")");
        }
        return this;
    }

    /** The data as the event's payload type; see {@link EventPayloads#read}. */
    public <T> T data(Class<T> payloadType) {
        if (payload != null && payload.getClass() == payloadType) {
            return payloadType.cast(payload);
        }
        return EventPayloads.read(mapper, data(), payloadType);
    }

    /** A text field of the payload as sent, before any validation: null when missing or not text. */
    public String text(String field) {
        return data().path(field).textValue();
    }

    @Override
    public String toString() {
        return "InboundEvent[envelope=" + envelope + ", key=" + key + ", topic=" + topic + ", partition=" + partition
                + ", offset=" + offset + "]";
    }
}
