package io.terafab.platform.messaging;

import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.envelope.RejectionReason;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies one inbound event to a service's model. Runs under the state lock. Must either change
 * the model completely or throw {@link io.terafab.platform.envelope.RejectedEventException}
 * having changed nothing: validate first, then mutate.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(InboundEvent event);

    /**
     * One handler per event type, for a topic that carries several (a service's commands); another
     * type is refused as {@code unsupported-type}.
     */
    static EventHandler byType(Map<String, EventHandler> handlers) {
        return event -> {
            EventHandler handler = handlers.get(event.type());
            if (handler == null) {
                throw new RejectedEventException(
                        RejectionReason.UNSUPPORTED_TYPE,
                        "type " + event.type() + " is not consumed from " + event.topic() + " (expected one of "
                                + String.join(", ", new TreeSet<>(handlers.keySet())) + ")");
            }
            handler.handle(event);
        };
    }
}
