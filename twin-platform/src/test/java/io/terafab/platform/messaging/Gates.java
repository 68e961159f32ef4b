package io.terafab.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.terafab.platform.state.StateKeeper;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;

/** Gates for unit tests: no CDI container, dead letters through a MockProducer, short retry waits. */
final class Gates {

    private Gates() {}

    static InboundEventGate gate(
            StateKeeper state, MeterRegistry registry, MockProducer<String, byte[]> dlq, AppliedEvents appliedEvents) {
        InboundEventGate gate = new InboundEventGate();
        gate.state = state;
        gate.mapper = new ObjectMapper();
        gate.registry = registry;
        gate.config = shortWaits();
        gate.appliedEvents = appliedEvents;
        gate.deadLetters = new DeadLetterProducer(
                dlq, state, registry, "fab-service", new RetryBackoff(Duration.ofMillis(20), Duration.ofMillis(20)));
        return gate;
    }

    /** Messaging limits with retry waits of 20 ms and payloads of at most 1 kB. */
    static MessagingConfig shortWaits() {
        return new MessagingConfig() {
            @Override
            public int maxPayloadBytes() {
                return 1024;
            }

            @Override
            public Duration latencyWindow() {
                return Duration.ofMinutes(1);
            }

            @Override
            public Duration retryBackoffInitial() {
                return Duration.ofMillis(20);
            }

            @Override
            public Duration retryBackoffMax() {
                return Duration.ofMillis(20);
            }
        };
    }
}
