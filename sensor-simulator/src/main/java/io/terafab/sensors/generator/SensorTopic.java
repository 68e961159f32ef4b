package io.terafab.sensors.generator;

import io.terafab.contract.EventTypes;
import io.terafab.contract.Topics;
import java.util.Arrays;

/** The ingest topics the simulator feeds, with the event type each carries and the key used in settings. */
public enum SensorTopic {
    TOOL_TELEMETRY("tool-telemetry", Topics.SENSOR_TOOL_TELEMETRY, EventTypes.TOOL_TELEMETRY_REPORTED),
    METER_READINGS("meter-readings", Topics.SENSOR_METER_READINGS, EventTypes.METER_READING_REPORTED),
    ACCELERATOR_HEALTH("accelerator-health", Topics.SENSOR_ACCELERATOR_HEALTH, EventTypes.ACCELERATOR_HEALTH_REPORTED),
    JOBS("jobs", Topics.JOBS_REQUESTS, EventTypes.JOB_SUBMITTED);

    private final String key;
    private final String topic;
    private final String eventType;

    SensorTopic(String key, String topic, String eventType) {
        this.key = key;
        this.topic = topic;
        this.eventType = eventType;
    }

    /** The name in settings ({@code sensors.mix.<key>}) and metric tags' companion. */
    public String key() {
        return key;
    }

    /** The Kafka topic. */
    public String topic() {
        return topic;
    }

    /** The CloudEvents type of its everyday event. */
    public String eventType() {
        return eventType;
    }

    public static SensorTopic ofKey(String key) {
        return Arrays.stream(values())
                .filter(t -> t.key.equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sensor topic " + key + " (known: "
                        + Arrays.stream(values()).map(SensorTopic::key).toList() + ")"));
    }
}
