package io.terafab.sensors.generator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.terafab.contract.AcceleratorHealthReported;
import io.terafab.contract.EventTypes;
import io.terafab.contract.JobCancellationRequested;
import io.terafab.contract.JobSubmitted;
import io.terafab.contract.MeterReadingReported;
import io.terafab.contract.ToolTelemetryReported;
import io.terafab.platform.envelope.CloudEventHeaders;
import io.terafab.platform.messaging.EventPayloads;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads a record's payload as the services do: into its twin-contract record, strictly. */
public final class ContractPayloads {

    /** Like the services' mapper (Quarkus's: unknown fields ignored, Java time). */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ContractPayloads() {}

    /** The contract record of a record's payload, by its topic and (on jobs.requests) its type. */
    static Class<?> typeOf(SensorRecord record) {
        return typeOf(record.topic(), record.headers().get(CloudEventHeaders.TYPE));
    }

    /** The contract record of a topic's payload; on jobs.requests, of the event type given. */
    public static Class<?> typeOf(String topic, String type) {
        return switch (topic) {
            case "sensor.tool-telemetry" -> ToolTelemetryReported.class;
            case "sensor.meter-readings" -> MeterReadingReported.class;
            case "sensor.accelerator-health" -> AcceleratorHealthReported.class;
            case "jobs.requests" ->
                EventTypes.JOB_CANCELLATION_REQUESTED.equals(type)
                        ? JobCancellationRequested.class
                        : JobSubmitted.class;
            default -> throw new IllegalArgumentException("not a sensor topic: " + topic);
        };
    }

    static JsonNode tree(byte[] value) {
        try {
            return MAPPER.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The payload through the twin's own inbound reader; throws its rejection when the twin would refuse it. */
    static Object read(SensorRecord record) {
        return read(record.topic(), record.headers().get(CloudEventHeaders.TYPE), record.value());
    }

    /** A payload of {@code topic} through the twin's own inbound reader. */
    public static Object read(String topic, String type, byte[] value) {
        return EventPayloads.read(MAPPER, tree(value), typeOf(topic, type));
    }

    /** The payload read with the services' reader settings but no translation of failures: the raw Jackson error. */
    static Object readRaw(SensorRecord record) throws IOException {
        return MAPPER.readerFor(typeOf(record))
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .readValue(record.value());
    }
}
