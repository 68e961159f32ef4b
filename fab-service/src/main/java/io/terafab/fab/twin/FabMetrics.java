package io.terafab.fab.twin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.terafab.fab.domain.FabLine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;

/**
 * The line's gauges and counters, read from the model at scrape time (base units: power in watts,
 * time in seconds). The wafer totals are counters because the model's totals only grow, and
 * survive restarts with the snapshot.
 */
@Startup
@ApplicationScoped
public class FabMetrics {

    private static final double WATTS_PER_MW = 1e6;

    @Inject
    MeterRegistry registry;

    @Inject
    FabTwin twin;

    @PostConstruct
    void register() {
        Gauge.builder("terafab.fab.wip", () -> twin.read(FabLine::wafersInProcess))
                .description("Wafers in process on the line").baseUnit("wafers").register(registry);
        Gauge.builder("terafab.fab.lots.wip", () -> twin.read(FabLine::lotsInProcess))
                .description("Lots in process on the line").register(registry);
        counter("terafab.fab.wafers.started", "Wafers released to the line", FabLine::wafersStarted);
        counter("terafab.fab.wafers.out", "Wafers that left the line good", FabLine::wafersOut);
        counter("terafab.fab.wafers.scrapped", "Wafers scrapped at the end of the line", FabLine::wafersScrapped);
        Gauge.builder("terafab.fab.power.demand", () -> twin.read(line -> line.power().demandMw() * WATTS_PER_MW))
                .description("Power the line would draw without a cap").baseUnit("watts").register(registry);
        Gauge.builder("terafab.fab.power.draw", () -> twin.read(line -> line.power().drawMw() * WATTS_PER_MW))
                .description("Power the line draws within its budget").baseUnit("watts").register(registry);
        Gauge.builder("terafab.fab.power.budget",
                () -> twin.read(line -> line.budget().map(b -> b.capMw() * WATTS_PER_MW).orElse(Double.NaN)))
                .description("The grid's cap on the line (NaN before the first budget)").baseUnit("watts")
                .register(registry);
        Gauge.builder("terafab.fab.speed.factor", () -> twin.read(line -> line.power().speedFactor()))
                .description("Pace of the line relative to full speed, 1 when not curtailed").register(registry);
        Gauge.builder("terafab.fab.cycle.time",
                () -> twin.read(line -> line.meanCycleTime().map(d -> d.toNanos() / 1e9).orElse(Double.NaN)))
                .description("Mean release-to-wafer-out time of the lots out (NaN before the first)")
                .baseUnit("seconds").register(registry);
    }

    private void counter(String name, String description, ToDoubleFunction<FabLine> total) {
        FunctionCounter.builder(name, twin, t -> t.read(line -> total.applyAsDouble(line)))
                .description(description).register(registry);
    }
}
