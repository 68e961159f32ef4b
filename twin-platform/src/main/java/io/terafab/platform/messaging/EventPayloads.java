package io.terafab.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.terafab.platform.envelope.RejectedEventException;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads JSON into an event payload type, strictly, and turns every failure into an
 * {@code invalid-payload} rejection that names the problem. Used by the inbound gate and by REST
 * endpoints that accept events, so the two refuse the same things with the same reasons.
 */
public final class EventPayloads {

    /** One strict reader per mapper and payload type: building it per event showed in the ingest profile. */
    private static final Map<ObjectMapper, Map<Class<?>, ObjectReader>> READERS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private EventPayloads() {}

    private static ObjectReader strictReader(ObjectMapper mapper, Class<?> payloadType) {
        return READERS.computeIfAbsent(mapper, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(
                        payloadType,
                        type -> mapper.readerFor(type)
                                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT));
    }

    /**
     * Payload types check their own values in their constructors by throwing an
     * {@link IllegalArgumentException}; that, and any mismatch with the schema, is rejected.
     */
    public static <T> T read(ObjectMapper mapper, JsonNode json, Class<T> payloadType) {
        if (json == null || !json.isObject()) {
            throw RejectedEventException.invalid("the payload must be a JSON object");
        }
        try {
            return strictReader(mapper, payloadType).readValue(json);
        } catch (JsonProcessingException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof RejectedEventException rejected) {
                    throw rejected;
                }
                if (cause instanceof IllegalArgumentException invalidValue) {
                    throw RejectedEventException.invalid(invalidValue.getMessage());
                }
            }
            throw RejectedEventException.invalid(e.getOriginalMessage() + " (" + payloadType.getSimpleName() + ")");
        } catch (IOException e) {
            throw RejectedEventException.invalid(e.getMessage());
        }
    }
}
