package io.terafab.sensors.generator;

import java.util.Arrays;

/**
 * The kinds of bad event an integrator sends by mistake, each with what the twin is expected to do
 * with it. Most are dead-lettered with a reason code; an exact replay and an out-of-order reading
 * are not errors to the twin but must change nothing.
 */
public enum BadKind {

    /** The value is not JSON: a payload cut short. */
    MALFORMED_JSON("malformed-json", "malformed"),
    /** JSON of the right shape with a field of the wrong JSON type (text for a number, an object for an id). */
    WRONG_TYPES("wrong-types", "invalid-payload"),
    /** One or more mandatory CloudEvents headers missing. */
    MISSING_HEADERS("missing-headers", "missing-envelope"),
    /** A well-formed event naming a tool, meter asset, accelerator or job the twin does not have. */
    UNKNOWN_ID("unknown-id", "unknown-entity"),
    /** A value the payload record itself refuses (a state of charge above 1, inverted limits, zero accelerators). */
    OUT_OF_RANGE("out-of-range", "invalid-payload"),
    /** An earlier event sent again, byte for byte: dropped and counted as a duplicate, not dead-lettered. */
    DUPLICATE_REPLAY("duplicate-replay", null),
    /** A new event reusing the id of an earlier one with different content. */
    DUPLICATE_ID_CONFLICT("duplicate-id-conflict", "duplicate-id"),
    /**
     * An everyday reading stamped a minute to an hour earlier than one already sent for the same
     * entity. It must not rewind the twin: fab-service and power-service dead-letter telemetry and
     * readings older than the latest applied for the same tool or meter as {@code out-of-order};
     * chip-service does so only for a report older than the accelerator's install, and otherwise
     * takes a late healthy report as the no-op it is.
     */
    OUT_OF_ORDER("out-of-order", "out-of-order"),
    /** A valid event padded past the 256 KiB payload limit. */
    OVERSIZED("oversized", "oversized");

    /** Payloads above this many bytes are refused by the services ({@code twin.messaging.max-payload-bytes}). */
    public static final int PAYLOAD_LIMIT_BYTES = 256 * 1024;

    private final String code;
    private final String deadLetterReason;

    BadKind(String code, String deadLetterReason) {
        this.code = code;
        this.deadLetterReason = deadLetterReason;
    }

    /** The name in settings, metrics and reports. */
    public String code() {
        return code;
    }

    /**
     * The {@code dead-letter-reason} code the twin answers with, or null for an exact replay, which
     * is not dead-lettered but dropped and counted as a duplicate.
     */
    public String deadLetterReason() {
        return deadLetterReason;
    }

    public static BadKind ofCode(String code) {
        return Arrays.stream(values())
                .filter(k -> k.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bad kind " + code + " (known: "
                        + Arrays.stream(values()).map(BadKind::code).toList() + ")"));
    }
}
