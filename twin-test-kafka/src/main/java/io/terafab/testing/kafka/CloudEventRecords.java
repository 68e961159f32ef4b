package io.terafab.testing.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds records as an integrator would publish them: CloudEvents binary mode, JSON data. */
public final class CloudEventRecords {

    private CloudEventRecords() {}

    public static ProducerRecord<String, String> event(String topic, String key, String type, String id, String json) {
        return event(topic, key, type, id, Instant.parse("2027-01-01T00:00:00Z"), json);
    }

    public static ProducerRecord<String, String> event(
            String topic, String key, String type, String id, Instant time, String json) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(id));
        headers.add("ce_type", bytes(type));
        headers.add("ce_source", bytes("test-integrator"));
        headers.add("ce_subject", bytes(key));
        headers.add("ce_time", bytes(time.toString()));
        return new ProducerRecord<>(topic, null, key, json, headers);
    }

    /** A record with no envelope at all. */
    public static ProducerRecord<String, String> bare(String topic, String key, String payload) {
        return new ProducerRecord<>(topic, key, payload);
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A header of a consumed record as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
