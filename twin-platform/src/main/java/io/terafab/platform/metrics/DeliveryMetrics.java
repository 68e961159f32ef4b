package io.terafab.platform.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.terafab.platform.state.StateKeeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * What a crash or a broker outage would cost right now: the age of the state not yet in a
 * snapshot, failed snapshots, and what the service owes the broker (outputs waiting for an
 * acknowledgement against the outbox's capacity, the oldest one's wait, dead letters owed). The
 * alert rules of {@code deploy/prometheus/rules/twin-delivery.yml} read them.
 */
@ApplicationScoped
public class DeliveryMetrics {

    @Inject
    StateKeeper state;

    @Inject
    MeterRegistry registry;

    void register(@Observes StartupEvent event) {
        Gauge.builder(
                        "terafab.twin.snapshot.age",
                        state,
                        s -> s.enabled() ? s.snapshotAge().toMillis() / 1e3 : 0)
                .description("Seconds the state has gone without a good snapshot (what a crash would replay)")
                .baseUnit("seconds")
                .register(registry);
        FunctionCounter.builder("terafab.twin.snapshot.failures", state, StateKeeper::snapshotFailures)
                .description("Snapshot attempts that failed")
                .register(registry);
        Gauge.builder("terafab.twin.halted", state, s -> s.halted() == null ? 0 : 1)
                .description("1 when an Error in a handler halted the state (see the twin-state readiness check)")
                .register(registry);
        Gauge.builder("terafab.messaging.outbox.pending", state, StateKeeper::pendingCount)
                .description("Outputs recorded and not yet acknowledged by the broker")
                .baseUnit("events")
                .register(registry);
        Gauge.builder(
                        "terafab.messaging.outbox.capacity",
                        state,
                        s -> s.outbox().capacity())
                .description("Outputs owed at which inputs and ticks wait (twin.state.outbox-capacity)")
                .baseUnit("events")
                .register(registry);
        Gauge.builder(
                        "terafab.messaging.outbox.oldest.age",
                        state,
                        s -> s.outbox().oldestAgeSeconds())
                .description("Seconds the oldest unacknowledged output has waited for the broker")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("terafab.messaging.dead.letters.owed", state, StateKeeper::deadLettersOwedCount)
                .description("Rejected records whose dead letter the broker has not acknowledged yet")
                .baseUnit("records")
                .register(registry);
    }
}
