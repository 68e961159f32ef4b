package io.terafab.platform.messaging;

import java.util.function.Predicate;

/**
 * Applies one inbound event to a service's model. Runs under the state lock. Must either change
 * the model completely or throw {@link io.terafab.platform.envelope.RejectedEventException}
 * having changed nothing: validate first, then mutate.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(InboundEvent event);

    /** This handler for every event but those {@code skip} says are not this service's: those are acknowledged, unapplied. */
    default EventHandler unless(Predicate<InboundEvent> skip) {
        return event -> {
            if (!skip.test(event)) {
                handle(event);
            }
        };
    }
}
