package io.terafab.platform.messaging;

import java.time.Instant;
import java.util.Objects;

/**
 * An event a service publishes.
 *
 * @param type versioned CloudEvents type, {@code io.terafab.<domain>.<event>.v1}
 * @param key the entity the event is about: Kafka key and {@code ce_subject}
 * @param id unique and, where possible, derived from what caused it (a lot id, a request id, a
 *     tick), so that a re-publication after a restart carries the same id and is dropped downstream
 * @param time simulated time of the event
 * @param data the payload, serialized as JSON
 */
public record OutgoingEvent(String type, String key, String id, Instant time, Object data) {

    public OutgoingEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }
}
