package io.terafab.power.messaging;

import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.power.domain.GridRejection;

/** The grid's refusals as the inbound gate's rejections: same kinds, same message, so the DLQ reason is the model's. */
final class Rejections {

    private Rejections() {
    }

    static RejectedEventException of(GridRejection e) {
        return switch (e.kind()) {
            case UNKNOWN_ENTITY -> RejectedEventException.unknown(e.getMessage());
            case NOT_ALLOWED -> RejectedEventException.notAllowed(e.getMessage());
            case INVALID -> RejectedEventException.invalid(e.getMessage());
            case OUT_OF_ORDER -> RejectedEventException.outOfOrder(e.getMessage());
        };
    }
}
