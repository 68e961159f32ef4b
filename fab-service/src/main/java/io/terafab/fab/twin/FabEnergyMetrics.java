package io.terafab.fab.twin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.terafab.fab.domain.carbon.LotEnergyLedger;
import io.terafab.platform.metrics.ScrapeRead;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;

/**
 * The fab's energy and carbon booked to lots (base units: energy in watt-hours, carbon in grams),
 * counters because the ledger's totals only grow and survive restarts with the snapshot, and the
 * per-wafer and per-die KPIs of the lots out as gauges.
 */
@Startup
@ApplicationScoped
public class FabEnergyMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    FabTwin twin;

    @PostConstruct
    void register() {
        counter("terafab.fab.energy.drawn", "Energy the fab drew", "watt-hours", LotEnergyLedger.Totals::drawnWh);
        counter("terafab.fab.energy.lots", "Energy booked to lots", "watt-hours", LotEnergyLedger.Totals::lotsWh);
        counter(
                "terafab.fab.energy.unallocated",
                "Energy booked to no lot (idle and facility power while the line is empty)",
                "watt-hours",
                LotEnergyLedger.Totals::unallocatedWh);
        counter(
                "terafab.fab.carbon.lots",
                "CO2e booked to lots, at the grid mix of each interval",
                "grams",
                LotEnergyLedger.Totals::lotsCarbonGrams);
        counter(
                "terafab.fab.carbon.unallocated",
                "CO2e of the fab's energy booked to no lot",
                "grams",
                LotEnergyLedger.Totals::unallocatedCarbonGrams);
        gauge(
                "terafab.fab.energy.per.wafer.out",
                "Energy booked to the lots out, per wafer out",
                "watt-hours",
                t -> t.wafersOut() == 0 ? Double.NaN : (double) t.outEnergyWh() / t.wafersOut());
        gauge(
                "terafab.fab.energy.per.good.die",
                "Energy booked to the lots out, per good die",
                "watt-hours",
                t -> t.goodDiesOut() == 0 ? Double.NaN : (double) t.outEnergyWh() / t.goodDiesOut());
        gauge(
                "terafab.fab.carbon.per.wafer.out",
                "CO2e booked to the lots out, per wafer out",
                "grams",
                t -> t.wafersOut() == 0 ? Double.NaN : (double) t.outCarbonGrams() / t.wafersOut());
        gauge(
                "terafab.fab.carbon.intensity",
                "Carbon intensity of the last interval the grid settled with the fab",
                "grams.per.kwh",
                LotEnergyLedger.Totals::gramsPerKwh);
    }

    /** One read of the ledger per scrape, not one per gauge. */
    private final ScrapeRead<LotEnergyLedger.Totals> totals =
            new ScrapeRead<>(() -> twin.read(fab -> fab.energy().totals()));

    private LotEnergyLedger.Totals totals() {
        return totals.get();
    }

    private void counter(String name, String description, String unit, ToDoubleFunction<LotEnergyLedger.Totals> f) {
        FunctionCounter.builder(name, this, m -> f.applyAsDouble(m.totals()))
                .description(description)
                .baseUnit(unit)
                .register(registry);
    }

    private void gauge(String name, String description, String unit, ToDoubleFunction<LotEnergyLedger.Totals> f) {
        Gauge.builder(name, this, m -> f.applyAsDouble(m.totals()))
                .description(description)
                .baseUnit(unit)
                .register(registry);
    }
}
