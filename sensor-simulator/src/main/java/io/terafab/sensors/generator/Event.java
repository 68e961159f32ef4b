package io.terafab.sensors.generator;

import java.time.Instant;

/**
 * An event before its envelope: what a topic's traffic decided to say. The generator adds the
 * {@code ce_*} headers (or, for a bad record, spoils them).
 *
 * @param topic where it goes
 * @param key the entity id
 * @param type its CloudEvents type
 * @param time its simulated time ({@code ce_time}, and the payload's own time)
 * @param value the JSON payload
 */
record Event(SensorTopic topic, String key, String type, Instant time, byte[] value) {

    Event withValue(byte[] newValue) {
        return new Event(topic, key, type, time, newValue);
    }
}
