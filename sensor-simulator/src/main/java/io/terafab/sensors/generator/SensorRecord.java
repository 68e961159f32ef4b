package io.terafab.sensors.generator;

import io.terafab.platform.envelope.CloudEventHeaders;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record as the simulator publishes it: CloudEvents binary mode, the {@code ce_*} attributes
 * as headers (as they are: a bad record may lack some), JSON bytes as the value, the entity id as
 * the key. It knows whether it is good and, if not, which kind of bad, so tests and benchmarks can
 * check what the twin did with it.
 *
 * @param topic the Kafka topic
 * @param key the entity id
 * @param headers the {@code ce_*} headers in the order written, text
 * @param value the payload bytes
 * @param bad null for a good record, else what is wrong with it
 */
public record SensorRecord(String topic, String key, Map<String, String> headers, byte[] value, BadKind bad) {

    public SensorRecord {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public boolean good() {
        return bad == null;
    }

    /** {@code good} or {@code bad}: the metric tag. */
    public String validity() {
        return bad == null ? "good" : "bad";
    }

    /** The event id ({@code ce_id}), or null when that header is missing. */
    public String id() {
        return headers.get(CloudEventHeaders.ID);
    }
}
