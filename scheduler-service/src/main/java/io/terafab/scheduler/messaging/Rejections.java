package io.terafab.scheduler.messaging;

import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.scheduler.domain.ClusterRejection;

/** Maps the model's refusals to the twin's rejection reasons, so a dead letter and a REST error say the same. */
public final class Rejections {

    private Rejections() {
    }

    public static RejectedEventException asEventRejection(ClusterRejection e) {
        return switch (e.kind()) {
            case INVALID -> RejectedEventException.invalid(e.getMessage());
            case UNKNOWN -> RejectedEventException.unknown(e.getMessage());
            case NOT_ALLOWED -> RejectedEventException.notAllowed(e.getMessage());
            case OUT_OF_ORDER -> RejectedEventException.outOfOrder(e.getMessage());
        };
    }
}
