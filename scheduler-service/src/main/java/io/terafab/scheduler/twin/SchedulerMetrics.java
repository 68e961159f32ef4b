package io.terafab.scheduler.twin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.terafab.scheduler.domain.Cluster;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;

/**
 * Accelerators, jobs and power of the cluster, read from the model at scrape time. The completed
 * count is a counter kept in the model, so it survives restarts with the snapshot.
 */
@Startup
@ApplicationScoped
public class SchedulerMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    SchedulerTwin twin;

    @PostConstruct
    void register() {
        gauge("terafab.scheduler.accelerators", "Installed accelerators by state", "busy", Cluster::busyAccelerators);
        gauge("terafab.scheduler.accelerators", "Installed accelerators by state", "free", Cluster::freeAccelerators);
        gauge("terafab.scheduler.jobs", "Accepted jobs not yet completed, by state", "queued", c -> c.queue().size());
        gauge("terafab.scheduler.jobs", "Accepted jobs not yet completed, by state", "running",
                c -> c.runningJobs().size());
        FunctionCounter.builder("terafab.scheduler.jobs.completed", twin, t -> t.read(Cluster::completedJobs))
                .description("Jobs completed since the cluster's state began").register(registry);
        watts("terafab.scheduler.power.draw", "Facility power the cluster draws at the current power factor",
                c -> c.power().drawWatts());
        watts("terafab.scheduler.power.demand", "Facility power the cluster would draw with no cap",
                c -> c.power().demandWatts());
        watts("terafab.scheduler.power.budget", "Facility power cap from the grid; NaN before the first budget",
                c -> c.power().budgetWatts() == null ? Double.NaN : c.power().budgetWatts());
        Gauge.builder("terafab.scheduler.power.factor", () -> twin.read(c -> c.power().powerFactor()))
                .description("Share of full power running jobs get under the budget (1 = uncapped)")
                .register(registry);
    }

    private void gauge(String name, String description, String state, ToDoubleFunction<Cluster> value) {
        Gauge.builder(name, () -> twin.read(c -> value.applyAsDouble(c)))
                .description(description)
                .tag("state", state)
                .register(registry);
    }

    private void watts(String name, String description, ToDoubleFunction<Cluster> value) {
        Gauge.builder(name, () -> twin.read(c -> value.applyAsDouble(c)))
                .description(description)
                .baseUnit("watts")
                .register(registry);
    }
}
