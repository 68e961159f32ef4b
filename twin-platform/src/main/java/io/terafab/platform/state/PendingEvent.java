package io.terafab.platform.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An outbound event recorded in the same step as the model change that caused it, and kept until
 * the broker acknowledged it: a restart re-sends what was not acknowledged (consumers drop the
 * copy by its id), so no output is lost between a change and its publication.
 */
public record PendingEvent(
        long sequence, String channel, String id, String type, String key, Instant time, JsonNode data) {}
