package io.terafab.scheduler.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.platform.envelope.RejectedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;

/**
 * Reads a request body into an event payload with the settings the inbound gate uses, so a body
 * the REST API refuses is one the topic would dead-letter, with the same reason.
 */
@ApplicationScoped
public class JobPayloads {

    @Inject
    ObjectMapper mapper;

    public <T> T read(JsonNode body, Class<T> payloadType) {
        if (body == null || !body.isObject()) {
            throw RejectedEventException.invalid("the body must be a JSON object");
        }
        try {
            return mapper.readerFor(payloadType)
                    .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .readValue(body);
        } catch (JsonProcessingException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException invalidValue) {
                    // payload constructors check their values and say which one is wrong
                    throw RejectedEventException.invalid(invalidValue.getMessage());
                }
            }
            throw RejectedEventException.invalid(e.getOriginalMessage() + " (" + payloadType.getSimpleName() + ")");
        } catch (IOException e) {
            throw RejectedEventException.invalid(e.getMessage());
        }
    }
}
