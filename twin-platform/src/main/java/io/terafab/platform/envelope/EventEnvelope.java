package io.terafab.platform.envelope;

import java.time.Instant;

/**
 * The CloudEvents attributes of one event.
 *
 * @param id unique per event; what makes processing idempotent
 * @param type versioned, {@code io.terafab.<domain>.<event>.v1}
 * @param source the producer: a service or an integrator
 * @param subject the entity the event is about (also the Kafka key); may be null
 * @param time the twin's simulated time of the event
 */
public record EventEnvelope(String id, String type, String source, String subject, Instant time) {

    public static final String SPEC_VERSION = "1.0";
}
