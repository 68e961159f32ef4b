package io.terafab.scheduler.twin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.terafab.platform.metrics.ScrapeRead;
import io.terafab.scheduler.domain.carbon.JobEnergyLedger;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;

/**
 * The data center's energy, cost and carbon booked to jobs and idle (counters: the ledger's totals
 * only grow and survive restarts with the snapshot; base units watt-hours, grams, US dollars) and the
 * KPIs per accelerator-hour, operational and embodied (gauges).
 */
@Startup
@ApplicationScoped
public class CarbonMetrics {

    private static final double SECONDS_PER_HOUR = 3600;

    @Inject
    MeterRegistry registry;

    @Inject
    SchedulerTwin twin;

    @Inject
    SchedulerConfig config;

    @PostConstruct
    void register() {
        counter("terafab.dc.energy.drawn", "Energy the data center drew", "watt-hours", t -> t.drawnWh());
        counter("terafab.dc.energy.jobs", "Energy booked to jobs (accelerators x PUE)", "watt-hours", t -> t.jobsWh());
        counter("terafab.dc.energy.idle", "Energy booked to idle accelerators", "watt-hours", t -> t.idleWh());
        counter("terafab.dc.carbon.jobs", "CO2e booked to jobs", "grams", t -> t.jobsCarbonGrams());
        counter("terafab.dc.carbon.idle", "CO2e booked to idle accelerators", "grams", t -> t.idleCarbonGrams());
        counter("terafab.dc.cost.jobs", "Energy cost booked to jobs", "usd", t -> t.jobsCostMilliUsd() / 1e3);
        counter(
                "terafab.dc.accelerator.hours",
                "Accelerator-hours jobs ran",
                "hours",
                t -> t.acceleratorSeconds() / SECONDS_PER_HOUR);
        gauge(
                "terafab.dc.carbon.operational.per.accelerator.hour",
                "Operational CO2e (jobs and idle) per accelerator-hour run",
                t -> t.acceleratorSeconds() == 0
                        ? Double.NaN
                        : (t.jobsCarbonGrams() + t.idleCarbonGrams()) / (t.acceleratorSeconds() / SECONDS_PER_HOUR));
        gauge(
                "terafab.dc.carbon.embodied.per.accelerator.hour",
                "Embodied CO2e per accelerator-hour run, amortised over the service life",
                t -> t.acceleratorSeconds() == 0
                        ? Double.NaN
                        : t.embodiedCarbonGrams(config.acceleratorServiceLife())
                                / (t.acceleratorSeconds() / SECONDS_PER_HOUR));
    }

    /** One read of the ledger per scrape, not one per gauge. */
    private final ScrapeRead<JobEnergyLedger.TotalsView> totals =
            new ScrapeRead<>(() -> twin.read(c -> c.carbon().totals()));

    private JobEnergyLedger.TotalsView totals() {
        return totals.get();
    }

    private void counter(String name, String description, String unit, ToDoubleFunction<JobEnergyLedger.TotalsView> f) {
        FunctionCounter.builder(name, this, m -> f.applyAsDouble(m.totals()))
                .description(description)
                .baseUnit(unit)
                .register(registry);
    }

    private void gauge(String name, String description, ToDoubleFunction<JobEnergyLedger.TotalsView> f) {
        Gauge.builder(name, this, m -> f.applyAsDouble(m.totals()))
                .description(description)
                .baseUnit("grams")
                .register(registry);
    }
}
