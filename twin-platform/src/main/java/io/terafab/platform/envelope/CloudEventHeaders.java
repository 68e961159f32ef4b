package io.terafab.platform.envelope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads the envelope of a Kafka record in CloudEvents binary mode.
 *
 * <p>SmallRye's own CloudEvents support accepts a record with only some {@code ce_} headers as a
 * plain record, and fails the whole channel on a structured-mode content type with a non-matching
 * payload; the twin needs the opposite (a mandatory envelope, one bad record never stops a
 * channel), so inbound headers are read here and incoming channels run with
 * {@code cloud-events=false}. Outbound envelopes are written by SmallRye.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";

    private CloudEventHeaders() {}

    /** The envelope of the record, or a {@link RejectionReason#MISSING_ENVELOPE} rejection saying what is wrong. */
    public static EventEnvelope read(Headers headers) {
        List<String> problems = new ArrayList<>();
        String specVersion = text(headers, SPEC_VERSION);
        if (specVersion == null) {
            problems.add("no " + SPEC_VERSION);
        } else if (!EventEnvelope.SPEC_VERSION.equals(specVersion)) {
            problems.add(SPEC_VERSION + " is '" + specVersion + "', expected '1.0'");
        }
        String id = required(headers, ID, problems);
        String type = required(headers, TYPE, problems);
        String source = required(headers, SOURCE, problems);
        String rawTime = required(headers, TIME, problems);
        Instant time = null;
        if (rawTime != null) {
            try {
                time = OffsetDateTime.parse(rawTime).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(TIME + " '" + rawTime + "' is not an RFC 3339 timestamp");
            }
        }
        if (!problems.isEmpty()) {
            throw new RejectedEventException(RejectionReason.MISSING_ENVELOPE, String.join(", ", problems));
        }
        return new EventEnvelope(id, type, source, text(headers, SUBJECT), time);
    }

    private static String required(Headers headers, String name, List<String> problems) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            problems.add("no " + name);
            return null;
        }
        return value;
    }

    private static String text(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
