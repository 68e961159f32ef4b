package io.terafab.platform.envelope;

/**
 * Thrown when an inbound event must not be applied. The message, {@code "<reason>: <detail>"},
 * becomes the {@code dead-letter-reason} header of the dead-letter record.
 */
public class RejectedEventException extends RuntimeException {

    private final RejectionReason reason;

    public RejectedEventException(RejectionReason reason, String detail) {
        super(reason.code() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }

    public static RejectedEventException invalid(String detail) {
        return new RejectedEventException(RejectionReason.INVALID_PAYLOAD, detail);
    }

    public static RejectedEventException unknown(String detail) {
        return new RejectedEventException(RejectionReason.UNKNOWN_ENTITY, detail);
    }

    public static RejectedEventException notAllowed(String detail) {
        return new RejectedEventException(RejectionReason.NOT_ALLOWED, detail);
    }

    public static RejectedEventException outOfOrder(String detail) {
        return new RejectedEventException(RejectionReason.OUT_OF_ORDER, detail);
    }
}
