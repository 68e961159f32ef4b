package io.terafab.platform.envelope;

import io.terafab.platform.model.ModelRejection;

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

    /** The one mapping of a model's refusal to a dead-letter reason: the same kind reads the same on every channel. */
    public static RejectedEventException of(ModelRejection e) {
        RejectionReason reason = switch (e.kind()) {
            case UNKNOWN_ENTITY -> RejectionReason.UNKNOWN_ENTITY;
            case NOT_ALLOWED -> RejectionReason.NOT_ALLOWED;
            case INVALID -> RejectionReason.INVALID_PAYLOAD;
            case OUT_OF_ORDER -> RejectionReason.OUT_OF_ORDER;
        };
        return new RejectedEventException(reason, e.getMessage());
    }
}
