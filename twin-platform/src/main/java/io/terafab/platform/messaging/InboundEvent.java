package io.terafab.platform.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.platform.envelope.EventEnvelope;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.envelope.RejectionReason;

/** One inbound event whose envelope was validated: the envelope, where it came from, and its JSON data. */
public record InboundEvent(
        EventEnvelope envelope,
        String key,
        String topic,
        int partition,
        long offset,
        JsonNode data,
        ObjectMapper mapper) {

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
        return EventPayloads.read(mapper, data, payloadType);
    }

    /** A text field of the payload as sent, before any validation: null when missing or not text. */
    public String text(String field) {
        return data.path(field).textValue();
    }
}
