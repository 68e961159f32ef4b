package io.terafab.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * Payload JSON as the services read and write it: Quarkus's default ObjectMapper (unknown fields
 * ignored, times as ISO-8601 text, nulls written; no service sets a {@code quarkus.jackson.*} key,
 * which {@link ContractExamplesTest} checks) and twin-platform's strict reading in
 * {@code EventPayloads.read}. Copied rather than shared because twin-contract must not depend on
 * twin-platform.
 */
final class ServiceJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private ServiceJson() {}

    /** The payload as a consuming service gets it, or the exception that makes the service reject it. */
    static <T> T read(JsonNode json, Class<T> payloadType) throws IOException {
        return MAPPER.readerFor(payloadType)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .readValue(json);
    }

    /** Whether a consuming service would read the payload into its record. */
    static boolean readable(JsonNode json, Class<?> payloadType) {
        try {
            read(json, payloadType);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The payload as a producing service writes it. */
    static JsonNode write(Object payload) {
        return MAPPER.valueToTree(payload);
    }
}
