package io.terafab.platform.health;

import io.terafab.platform.state.StateConfig;
import io.terafab.platform.state.StateKeeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the twin state is restored (before that, answers would describe an empty twin), as
 * long as it is kept: DOWN when no good snapshot was written for {@code twin.state.max-snapshot-age}
 * (the reason is in {@code lastSnapshotFailure}) or when an {@code Error} halted the state
 * ({@code halted}). Also shows what the service owes the broker: outputs and dead letters.
 */
@Readiness
@ApplicationScoped
public class StateRestoredCheck implements HealthCheck {

    @Inject
    StateKeeper state;

    @Inject
    StateConfig config;

    @Override
    public HealthCheckResponse call() {
        boolean snapshotsKept = !state.enabled() || state.snapshotAge().compareTo(config.maxSnapshotAge()) <= 0;
        var response = HealthCheckResponse.named("twin-state")
                .status(state.isRestored() && snapshotsKept && state.halted() == null)
                .withData("snapshots", state.enabled() ? state.snapshotTopicName() : "off")
                .withData("instance", state.instanceId());
        if (state.isRestored()) {
            response.withData("pendingOutputs", state.pendingCount())
                    .withData("outboxCapacity", state.outbox().capacity())
                    .withData("deadLettersOwed", state.deadLettersOwedCount());
        }
        if (state.enabled()) {
            response.withData("snapshotAgeSeconds", state.snapshotAge().toSeconds());
        }
        if (state.lastSnapshotAt() != null) {
            response.withData("lastSnapshotAt", state.lastSnapshotAt().toString());
        }
        if (state.lastSnapshotFailure() != null) {
            response.withData("lastSnapshotFailure", state.lastSnapshotFailure())
                    .withData("snapshotFailuresInARow", state.snapshotFailuresInARow());
        }
        if (state.halted() != null) {
            response.withData("halted", state.halted());
        }
        return response.build();
    }
}
