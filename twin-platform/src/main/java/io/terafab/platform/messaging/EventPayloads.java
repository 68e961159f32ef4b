package io.terafab.platform.messaging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.envelope.Rfc3339;
import java.io.IOException;
import java.time.Instant;
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

    /**
     * The strict readers of the gate's single pass: the same mapper, but an {@link Instant} is read by
     * {@link Rfc3339} and any other shape of it ends the pass (the gate then takes the usual path).
     */
    private static final Map<ObjectMapper, Map<Class<?>, ObjectReader>> SINGLE_PASS_READERS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private static ObjectReader singlePassReader(ObjectMapper mapper, Class<?> payloadType) {
        return SINGLE_PASS_READERS
                .computeIfAbsent(mapper, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(payloadType, type -> {
                    ObjectMapper copy = mapper.copy()
                            .registerModule(new SimpleModule("rfc3339-instants")
                                    .addDeserializer(Instant.class, new Rfc3339InstantDeserializer()));
                    return copy.readerFor(type)
                            .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                            .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
                });
    }

    private static ObjectReader strictReader(ObjectMapper mapper, Class<?> payloadType) {
        return READERS.computeIfAbsent(mapper, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(
                        payloadType,
                        type -> mapper.readerFor(type)
                                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT));
    }

    /**
     * The payload read from the record's bytes in one pass, without a JSON tree, or null whenever
     * that pass does not succeed: not a JSON object, anything after it, a value the payload type
     * refuses, a time not in {@link Rfc3339}'s shape. The caller then takes the usual path
     * ({@link ObjectMapper#readTree} and {@link #read(ObjectMapper, JsonNode, Class)}), which
     * decides and words every rejection exactly as before: the single pass only speeds up what that
     * path would accept, and gives the same payload for it.
     */
    public static <T> T readInOnePass(ObjectMapper mapper, byte[] json, Class<T> payloadType) {
        if (json == null || json.length == 0) {
            return null;
        }
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            T payload = singlePassReader(mapper, payloadType).readValue(parser);
            return parser.nextToken() == null ? payload : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
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

    /** An {@link Instant} in {@link Rfc3339}'s shape; any other value ends the single pass. */
    private static final class Rfc3339InstantDeserializer extends StdScalarDeserializer<Instant> {

        Rfc3339InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant instant = parser.hasToken(JsonToken.VALUE_STRING) ? Rfc3339.fastInstant(parser.getText()) : null;
            if (instant == null) {
                throw MismatchedInputException.from(
                        parser, Instant.class, "not an RFC 3339 instant: left to the usual path");
            }
            return instant;
        }
    }
}
