package io.terafab.platform.envelope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
        // One pass over the headers, the last of a name winning as with lastHeader: six lastHeader
        // lookups walked every header six times (12 % of fab-service's ingest samples with the rest).
        byte[] specVersionBytes = null;
        byte[] idBytes = null;
        byte[] typeBytes = null;
        byte[] sourceBytes = null;
        byte[] subjectBytes = null;
        byte[] timeBytes = null;
        if (headers != null) {
            for (Header header : headers) {
                switch (header.key()) {
                    case SPEC_VERSION -> specVersionBytes = header.value();
                    case ID -> idBytes = header.value();
                    case TYPE -> typeBytes = header.value();
                    case SOURCE -> sourceBytes = header.value();
                    case SUBJECT -> subjectBytes = header.value();
                    case TIME -> timeBytes = header.value();
                    default -> {
                        // not part of the envelope
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>(0);
        String specVersion = text(specVersionBytes);
        if (specVersion == null) {
            problems.add("no " + SPEC_VERSION);
        } else if (!EventEnvelope.SPEC_VERSION.equals(specVersion)) {
            problems.add(SPEC_VERSION + " is '" + specVersion + "', expected '1.0'");
        }
        String id = required(idBytes, ID, problems);
        String type = required(typeBytes, TYPE, problems);
        String source = required(sourceBytes, SOURCE, problems);
        String rawTime = required(timeBytes, TIME, problems);
        Instant time = null;
        if (rawTime != null) {
            try {
                time = Rfc3339.parseInstant(rawTime);
            } catch (DateTimeParseException e) {
                problems.add(TIME + " '" + rawTime + "' is not an RFC 3339 timestamp");
            }
        }
        if (!problems.isEmpty()) {
            throw new RejectedEventException(RejectionReason.MISSING_ENVELOPE, String.join(", ", problems));
        }
        return new EventEnvelope(id, type, source, text(subjectBytes), time);
    }

    private static String required(byte[] bytes, String name, List<String> problems) {
        String value = text(bytes);
        if (value == null || value.isBlank()) {
            problems.add("no " + name);
            return null;
        }
        return value;
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
