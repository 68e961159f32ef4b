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
        gate.config = new MessagingConfig() {
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
        gate.appliedEvents = appliedEvents;
        gate.deadLetters = new DeadLetterProducer(
                dlq, state, registry, "fab-service", new RetryBackoff(Duration.ofMillis(20), Duration.ofMillis(20)));
        return gate;
    }
}
