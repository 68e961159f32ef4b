package io.terafab.fab.twin;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.terafab.contract.Units;
import io.terafab.fab.definition.Product;
import io.terafab.fab.definition.ToolGroup;
import io.terafab.fab.domain.FabForecaster;
import io.terafab.fab.domain.LiveFab;
import io.terafab.fab.messaging.FabForecasting;
import io.terafab.fab.simulation.FabSimulation;
import io.terafab.fab.simulation.ToolState;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The fab's gauges and counters, read from the model at scrape time (base units: power in watts,
 * time in seconds). The wafer totals are counters because the model's totals only grow, and
 * survive restarts with the snapshot. Per-area series are tagged {@code area} (the template's
 * nine areas: a bounded set), tool states by SEMI E10 category. Per product (the definition's
 * products: a bounded set) a histogram of lot cycle times ({@code terafab_fab_lot_cycle_time_seconds},
 * recorded as lots leave the line, so it starts empty at every start of the service, as histograms
 * do) and the mean x-factor of the same lots.
 */
@Startup
@ApplicationScoped
public class FabMetrics {

    private static final double SECONDS_PER_DAY = 86_400;

    /** Lots' cycle times per product, and the running mean of their x-factors (cycle / raw process time). */
    private final Map<String, DistributionSummary> cycleTimes = new ConcurrentHashMap<>();

    private final Map<String, MeanOf> xFactors = new ConcurrentHashMap<>();

    @Inject
    MeterRegistry registry;

    @Inject
    FabTwin twin;

    @Inject
    FabConfig config;

    @Inject
    FabForecasting forecasting;

    @PostConstruct
    void register() {
        Gauge.builder("terafab.fab.wip", () -> twin.read(LiveFab::wafersInProcess))
                .description("Wafers in process on the line")
                .baseUnit("wafers")
                .register(registry);
        Gauge.builder("terafab.fab.lots.wip", () -> twin.read(LiveFab::lotsInProcess))
                .description("Lots in process on the line")
                .register(registry);
        counter("terafab.fab.wafers.started", "Wafers released to the line", LiveFab::wafersStarted);
        counter("terafab.fab.wafers.out", "Wafers that left the line good", LiveFab::wafersOut);
        counter("terafab.fab.wafers.scrapped", "Wafers scrapped at the end of the line", LiveFab::wafersScrapped);
        Gauge.builder(
                        "terafab.fab.power.demand",
                        () -> twin.read(fab -> Units.watts(fab.power().demandMw())))
                .description("Power the fab would draw without a cap")
                .baseUnit("watts")
                .register(registry);
        Gauge.builder(
                        "terafab.fab.power.draw",
                        () -> twin.read(fab -> Units.watts(fab.power().drawMw())))
                .description("Power the fab draws within its budget")
                .baseUnit("watts")
                .register(registry);
        Gauge.builder(
                        "terafab.fab.power.budget",
                        () -> twin.read(fab ->
                                fab.budget().map(b -> Units.watts(b.capMw())).orElse(Double.NaN)))
                .description("The grid's cap on the fab (NaN before the first budget)")
                .baseUnit("watts")
                .register(registry);
        Gauge.builder(
                        "terafab.fab.speed.factor",
                        () -> twin.read(fab -> fab.power().speedFactor()))
                .description("Share of the fab's productive power demand served, 1 when not curtailed")
                .register(registry);
        Gauge.builder(
                        "terafab.fab.cycle.time",
                        () -> twin.read(fab ->
                                fab.meanCycleTime().map(d -> d.toNanos() / 1e9).orElse(Double.NaN)))
                .description("Mean release-to-wafer-out time of the lots out (NaN before the first)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(
                        "terafab.fab.die.yield",
                        () -> twin.read(fab -> fab.yieldSettings().dieYield()))
                .description("Share of die sites good at wafer sort, by the configured yield model")
                .register(registry);
        registerPerArea();
        registerPerProduct();
        registerForecast();
    }

    /**
     * The latest forecast's first week as wafers out per simulated day, P10/P50/P90 (NaN before the
     * first forecast): the dashboard draws it against the wafers out per simulated day measured.
     */
    private void registerForecast() {
        Map<String, ToDoubleFunction<FabForecaster.Band>> quantiles =
                Map.of("p10", FabForecaster.Band::p10, "p50", FabForecaster.Band::p50, "p90", FabForecaster.Band::p90);
        quantiles.forEach((quantile, of) -> Gauge.builder(
                        "terafab.fab.forecast.wafers.per.day",
                        forecasting,
                        f -> f.latest()
                                .map(fc -> of.applyAsDouble(fc.weeks().get(0).wafersOut()) / 7)
                                .orElse(Double.NaN))
                .description(
                        "Forecast wafers out per simulated day over the coming week (the latest forecast's week 1)")
                .tag("quantile", quantile)
                .register(registry));
    }

    /**
     * Records a lot that left the line good: its cycle time in the product's histogram and its
     * x-factor in the product's mean. Products outside the definition (none) are not recorded, so
     * the tag stays bounded. Called from the tick that published the wafer-out.
     */
    public void lotOut(String product, double cycleTimeSeconds, double rawProcessSeconds) {
        DistributionSummary summary = cycleTimes.get(product);
        if (summary == null) {
            return;
        }
        summary.record(cycleTimeSeconds);
        if (rawProcessSeconds > 0) {
            xFactors.get(product).add(cycleTimeSeconds / rawProcessSeconds);
        }
    }

    /** A cycle-time histogram and an x-factor gauge per product of the definition (a bounded tag). */
    private void registerPerProduct() {
        double[] sloSeconds = config.cycleTimeBucketsDays().stream()
                .mapToDouble(days -> days * SECONDS_PER_DAY)
                .toArray();
        for (Product product : twin.read(fab -> fab.definition().products())) {
            cycleTimes.put(
                    product.name(),
                    DistributionSummary.builder("terafab.fab.lot.cycle.time")
                            .description("Release-to-wafer-out time of the lots that left the line good, per product")
                            .baseUnit("seconds")
                            .tag("product", product.name())
                            .publishPercentileHistogram()
                            .serviceLevelObjectives(sloSeconds)
                            .minimumExpectedValue(SECONDS_PER_DAY)
                            .maximumExpectedValue(365 * SECONDS_PER_DAY)
                            .register(registry));
            MeanOf mean = new MeanOf();
            xFactors.put(product.name(), mean);
            Gauge.builder("terafab.fab.x.factor", mean, MeanOf::mean)
                    .tag("product", product.name())
                    .description("Mean x-factor (cycle time / raw process time) of the lots out since the service "
                            + "started, per product (NaN before the first)")
                    .register(registry);
        }
    }

    /** A running mean, read by scrapes while ticks add to it. */
    static final class MeanOf {
        private double sum;
        private long count;

        synchronized void add(double value) {
            sum += value;
            count++;
        }

        synchronized double mean() {
            return count == 0 ? Double.NaN : sum / count;
        }
    }

    /** Tools per area and E10 state, lots queued per area, utilization per area. */
    private void registerPerArea() {
        Map<String, List<Integer>> groupsByArea = new LinkedHashMap<>();
        List<ToolGroup> groups = twin.read(fab -> fab.definition().toolGroups());
        for (int g = 0; g < groups.size(); g++) {
            groupsByArea
                    .computeIfAbsent(groups.get(g).area(), a -> new ArrayList<>())
                    .add(g);
        }
        groupsByArea.forEach((area, indexes) -> {
            for (ToolState state : ToolState.values()) {
                Gauge.builder(
                                "terafab.fab.tools",
                                () -> twin.read(fab -> {
                                    int tools = 0;
                                    for (int g : indexes) {
                                        tools += fab.simulation().toolStates(g)[state.ordinal()];
                                    }
                                    return tools;
                                }))
                        .tag("area", area)
                        .tag("state", state.tag())
                        .description(
                                "Tools per area in each SEMI E10 state (power_held: standby forced by the grid's cap)")
                        .baseUnit("tools")
                        .register(registry);
            }
            Gauge.builder(
                            "terafab.fab.queue",
                            () -> twin.read(fab -> {
                                int lots = 0;
                                for (int g : indexes) {
                                    lots += fab.simulation().queueLength(g);
                                }
                                return lots;
                            }))
                    .tag("area", area)
                    .description("Lots waiting for a tool, per area")
                    .baseUnit("lots")
                    .register(registry);
            Gauge.builder("terafab.fab.utilization", () -> twin.read(fab -> meanUtilization(fab.simulation(), indexes)))
                    .tag("area", area)
                    .description("Share of the area's tool time spent productive since the run began")
                    .register(registry);
        });
    }

    private static double meanUtilization(FabSimulation simulation, List<Integer> groups) {
        double sum = 0;
        for (int g : groups) {
            sum += simulation.utilization(g);
        }
        return groups.isEmpty() ? 0 : sum / groups.size();
    }

    private void counter(String name, String description, ToDoubleFunction<LiveFab> total) {
        FunctionCounter.builder(name, twin, t -> t.read(fab -> total.applyAsDouble(fab)))
                .description(description)
                .register(registry);
    }
}
