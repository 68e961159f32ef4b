package io.terafab.chip.messaging;

import io.terafab.chip.domain.InventoryRejection;
import io.terafab.platform.envelope.RejectedEventException;
import java.util.function.Supplier;

/** Turns the model's refusals into the platform's dead-letter reasons. */
final class InventoryRejections {

    private InventoryRejections() {
    }

    static <T> T inModel(Supplier<T> change) {
        try {
            return change.get();
        } catch (InventoryRejection e) {
            throw switch (e.kind()) {
                case UNKNOWN_ENTITY -> RejectedEventException.unknown(e.getMessage());
                case NOT_ALLOWED -> RejectedEventException.notAllowed(e.getMessage());
                case INVALID -> RejectedEventException.invalid(e.getMessage());
                case OUT_OF_ORDER -> RejectedEventException.outOfOrder(e.getMessage());
            };
        }
    }
}
