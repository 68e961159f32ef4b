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
     * The one event type this handler consumes and the payload record it reads from it, or null when
     * it reads several or decides on the JSON first. With it, the gate reads that record from the
     * record's bytes in one pass, outside the state lock (see {@link EventPayloads#readInOnePass}).
     */
    default Expects expects() {
        return null;
    }

    /** What a handler of one event type reads: see {@link #expects()}. */
    record Expects(String type, Class<?> payloadType) {}

    /** {@code handler}, telling the gate that it reads events of {@code type} as {@code payloadType}. */
    static EventHandler expecting(String type, Class<?> payloadType, EventHandler handler) {
        Expects expects = new Expects(type, payloadType);
        return new EventHandler() {
            @Override
            public void handle(InboundEvent event) {
                handler.handle(event);
            }

            @Override
            public Expects expects() {
                return expects;
            }
        };
    }

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
