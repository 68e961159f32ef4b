package io.terafab.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.platform.envelope.EventEnvelope;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.envelope.RejectionReason;

/** One inbound event whose envelope was validated: the envelope, where it came from, and its JSON data. */
public record InboundEvent(EventEnvelope envelope, String key, String topic, int partition, long offset,
        JsonNode data, ObjectMapper mapper) {

    public String type() {
        return envelope.type();
    }

    /** Rejects the event as {@code unsupported-type} unless its type is the one this topic carries. */
    public InboundEvent expectType(String expected) {
        if (!expected.equals(type())) {
            throw new RejectedEventException(RejectionReason.UNSUPPORTED_TYPE,
                    "type " + type() + " is not consumed from " + topic + " (expected " + expected + ")");
        }
        return this;
    }

    /**
     * The data as the event's payload type. Payload types check their own values in their
     * constructors by throwing an {@link IllegalArgumentException}; that, and any mismatch with the schema is an
     * {@code invalid-payload} rejection.
     */
    public <T> T data(Class<T> payloadType) {
        try {
            return mapper.readerFor(payloadType)
                    .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .readValue(data);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            while (cause != null) {
                if (cause instanceof RejectedEventException rejected) {
                    throw rejected;
                }
                if (cause instanceof IllegalArgumentException invalidValue) {
                    // payload constructors check their values and say which one is wrong
                    throw RejectedEventException.invalid(invalidValue.getMessage());
                }
                cause = cause.getCause();
            }
            throw RejectedEventException.invalid(e.getOriginalMessage() + " (" + payloadType.getSimpleName() + ")");
        } catch (java.io.IOException e) {
            throw RejectedEventException.invalid(e.getMessage());
        }
    }
}
