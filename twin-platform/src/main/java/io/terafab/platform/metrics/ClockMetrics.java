package io.terafab.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.terafab.platform.clock.TwinClock;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The twin clock as seen by this service, so dashboards can show simulated time next to wall time. */
@Startup
@ApplicationScoped
public class ClockMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    TwinClock clock;

    @PostConstruct
    void register() {
        Gauge.builder("terafab.twin.simulated.time", clock, c -> c.now().toEpochMilli() / 1000.0)
                .description("Simulated time of the twin, as Unix seconds")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("terafab.twin.clock.speed", clock, TwinClock::speed)
                .description("Simulated seconds per wall-clock second")
                .register(registry);
    }
}
