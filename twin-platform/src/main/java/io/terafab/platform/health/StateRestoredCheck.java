package io.terafab.platform.health;

import io.terafab.platform.state.StateKeeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the twin state is restored: before that, answers would describe an empty twin. */
@Readiness
@ApplicationScoped
public class StateRestoredCheck implements HealthCheck {

    @Inject
    StateKeeper state;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("twin-state")
                .status(state.isRestored())
                .withData("snapshots", state.enabled() ? state.snapshotTopicName() : "off")
                .withData("instance", state.instanceId())
                .withData("pendingOutputs", state.pendingCount());
        if (state.lastSnapshotAt() != null) {
            response.withData("lastSnapshotAt", state.lastSnapshotAt().toString());
        }
        return response.build();
    }
}
