package io.terafab.platform.envelope;

/** Why an inbound record was sent to the dead-letter topic; the code is a metric tag and a header. */
public enum RejectionReason {
    /** The bytes are not JSON. */
    MALFORMED("malformed"),
    /** A mandatory CloudEvents header is missing or unreadable. */
    MISSING_ENVELOPE("missing-envelope"),
    /** The service does not consume this event type (or this version of it) on this topic. */
    UNSUPPORTED_TYPE("unsupported-type"),
    /** The JSON does not match the event's schema, or a value is out of range. */
    INVALID_PAYLOAD("invalid-payload"),
    /** The event names an entity the twin does not know. */
    UNKNOWN_ENTITY("unknown-entity"),
    /** The event asks for a state change the model does not allow. */
    NOT_ALLOWED("not-allowed"),
    /** The event is older than one already applied for the same entity, so applying it would rewind the twin. */
    OUT_OF_ORDER("out-of-order"),
    /** The payload is larger than {@code twin.messaging.max-payload-bytes}. */
    OVERSIZED("oversized"),
    /** The event id was applied before with different content: two events share an id. */
    DUPLICATE_ID("duplicate-id"),
    /** The service failed on the event (a bug): parked with the cause instead of stopping the channel. */
    HANDLER_ERROR("handler-error");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
