package io.terafab.platform.twin;

import io.terafab.platform.messaging.InboundEvent;

/**
 * Applies one inbound event's payload to the model it is handed, under the state lock. Validate
 * first, then mutate: a refusal is a {@link io.terafab.platform.model.ModelRejection} thrown
 * before anything changed, which the gate dead-letters with its reason.
 *
 * @param <M> the model
 * @param <T> the event's payload record
 */
@FunctionalInterface
public interface ModelHandler<M, T> {

    void apply(M model, T payload, InboundEvent event);
}
