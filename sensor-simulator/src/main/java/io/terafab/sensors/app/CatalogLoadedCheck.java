package io.terafab.sensors.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the catalog is loaded: before that the simulator knows nothing to report on and sends nothing. */
@Readiness
@ApplicationScoped
public class CatalogLoadedCheck implements HealthCheck {

    @Inject
    SimulatorRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("sensor-catalog").status(runtime.catalogLoaded());
        if (runtime.catalogSource() != null) {
            response.withData("source", runtime.catalogSource());
        }
        response.withData("sending", runtime.sending());
        return response.build();
    }
}
