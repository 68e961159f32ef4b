package io.terafab.platform.messaging;

/**
 * Applies one inbound event to a service's model. Runs under the state lock. Must either change
 * the model completely or throw {@link io.terafab.platform.envelope.RejectedEventException}
 * having changed nothing: validate first, then mutate.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(InboundEvent event);
}
