package io.terafab.power.twin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.terafab.contract.Units;
import io.terafab.power.domain.BatteryDispatch;
import io.terafab.power.domain.Dispatch;
import io.terafab.power.domain.EnergyLedger;
import io.terafab.power.domain.GridSettings;
import io.terafab.power.domain.LoadTotals;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Meters of the grid, registered at start so they exist before the first tick, read from the latest
 * dispatch at scrape time. The model works in MW, MWh, US$ and tonnes; meters are in the base units
 * Prometheus expects: watts, joules, dollars, grams. Tags are bounded: consumers and assets come
 * from the configuration.
 */
@Startup
@ApplicationScoped
public class PowerMetrics {

    static final double JOULES_PER_MWH = 3.6e9;
    static final double GRAMS_PER_TONNE = 1_000_000;
    static final double SECONDS_PER_HOUR = 3600;
    private static final String WATTS = "watts";

    @Inject
    MeterRegistry registry;

    @Inject
    PowerTwin twin;

    @PostConstruct
    void register() {
        GridSettings settings = twin.read(g -> g.settings());
        grid(
                "terafab.power.supply.available",
                "What the sources and batteries could deliver at the latest dispatch",
                Dispatch::availableMw);
        grid(
                "terafab.power.generation",
                "What the sources generate: served + battery charge - battery discharge",
                Dispatch::generationMw);
        grid("terafab.power.curtailed", "Demand not served, base load included", Dispatch::curtailedMw);
        grid("terafab.power.headroom", "Available supply that serves no demand", Dispatch::headroomMw);
        Gauge.builder(
                        "terafab.power.grid.import.limit",
                        () -> twin.read(g -> g.importCapMw()) * Units.WATTS_PER_MEGAWATT)
                .description("What the utility connection may import (configured, then set by operators and meters)")
                .baseUnit(WATTS)
                .register(registry);
        Gauge.builder("terafab.power.cost.rate", () -> twin.currentDispatch().costRateUsdPerHour() / SECONDS_PER_HOUR)
                .description("Generation cost of the sources as dispatched")
                .baseUnit("dollars.per.second")
                .register(registry);
        Gauge.builder(
                        "terafab.power.carbon.rate",
                        () -> twin.currentDispatch().carbonRateTonnesPerHour() * GRAMS_PER_TONNE / SECONDS_PER_HOUR)
                .description("CO2 emitted by the sources as dispatched")
                .baseUnit("grams.per.second")
                .register(registry);
        Gauge.builder(
                        "terafab.power.breakers.open",
                        () -> twin.read(g -> g.openBreakers().size()))
                .description("Assets whose breaker a meter reported open")
                .register(registry);

        registerLoads(settings);
        registerSources(settings);
        registerBatteries(settings);
    }

    private void registerLoads(GridSettings settings) {
        // demand and served per consumer stay the consumers' own (as dashboards and the runner's status sum them);
        // the base load has its own gauges, and its energy, cost and carbon are booked as consumer "campus"
        grid(
                "terafab.power.base.load",
                "Offices, utilities and the central plant: served before any consumer",
                Dispatch::campusBaseLoadMw);
        grid(
                "terafab.power.base.load.served",
                "The base load served: all of it unless supply is below it",
                Dispatch::baseServedMw);
        ledger(EnergyLedger.BASE_LOAD);
        // what the sources generated and what the batteries hold: generated + remeasured = served + held
        FunctionCounter.builder(
                        "terafab.power.carbon.generated",
                        twin,
                        t -> t.read(g -> g.ledger().generated().carbonTonnes() * GRAMS_PER_TONNE))
                .description("CO2 of everything the sources generated since the start")
                .baseUnit("grams")
                .register(registry);
        Gauge.builder(
                        "terafab.power.carbon.held",
                        twin,
                        t -> t.read(g -> g.storedInBatteries().carbonTonnes() * GRAMS_PER_TONNE))
                .description("CO2 of the energy the batteries hold, as stored")
                .baseUnit("grams")
                .register(registry);
        for (String consumer : settings.consumers()) {
            load(
                    "terafab.power.demand",
                    "Power a consumer asks for",
                    consumer,
                    d -> d.budgetOf(consumer).demandMw());
            load(
                    "terafab.power.served",
                    "Power a consumer is served",
                    consumer,
                    d -> d.budgetOf(consumer).servedMw());
            Gauge.builder(
                            "terafab.power.budget",
                            () -> twin.currentDispatch().budgetOf(consumer).capMw() * Units.WATTS_PER_MEGAWATT)
                    .description("Power a consumer may draw")
                    .tag("consumer", consumer)
                    .baseUnit(WATTS)
                    .register(registry);
            Gauge.builder(
                            "terafab.power.demand.stale",
                            () -> twin.currentDispatch().budgetOf(consumer).stale() ? 1 : 0)
                    .description("1 when a consumer's latest reading is older than the demand timeout")
                    .tag("consumer", consumer)
                    .register(registry);
            ledger(consumer);
        }
    }

    private void ledger(String load) {
        counter(
                "terafab.power.energy.served",
                "Energy served to a load since the start",
                load,
                "joules",
                t -> t.energyMwh() * JOULES_PER_MWH);
        counter(
                "terafab.power.cost",
                "Cost of the energy served to a load since the start",
                load,
                "dollars",
                LoadTotals::costUsd);
        counter(
                "terafab.power.carbon",
                "CO2 of the energy served to a load since the start",
                load,
                "grams",
                t -> t.carbonTonnes() * GRAMS_PER_TONNE);
    }

    private void registerSources(GridSettings settings) {
        List<String> ids = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        ids.add(GridSettings.GRID);
        kinds.add("grid");
        settings.gasTurbines().forEach(g -> {
            ids.add(g.id());
            kinds.add("gas");
        });
        settings.solarPlants().forEach(s -> {
            ids.add(s.id());
            kinds.add("solar");
        });
        for (int i = 0; i < ids.size(); i++) {
            int index = i; // sources keep their configured order in every dispatch
            source(
                    "terafab.power.supply",
                    "What a source delivers",
                    ids.get(i),
                    kinds.get(i),
                    d -> d.sources().get(index).outputMw());
            source(
                    "terafab.power.source.available",
                    "The most a source could deliver (limits, ramps, sun, breaker)",
                    ids.get(i),
                    kinds.get(i),
                    d -> d.sources().get(index).availableMw());
        }
    }

    private void registerBatteries(GridSettings settings) {
        for (int i = 0; i < settings.batteries().size(); i++) {
            int index = i;
            String id = settings.batteries().get(i).id();
            battery(
                    "terafab.power.battery.state.of.charge",
                    "Stored energy as a share of capacity",
                    id,
                    index,
                    "ratio",
                    BatteryDispatch::stateOfCharge);
            battery(
                    "terafab.power.battery.energy",
                    "Stored energy",
                    id,
                    index,
                    "joules",
                    b -> b.energyMwh() * JOULES_PER_MWH);
            battery(
                    "terafab.power.battery.charge",
                    "Power into a battery",
                    id,
                    index,
                    WATTS,
                    b -> b.chargeMw() * Units.WATTS_PER_MEGAWATT);
            battery(
                    "terafab.power.battery.discharge",
                    "Power out of a battery",
                    id,
                    index,
                    WATTS,
                    b -> b.dischargeMw() * Units.WATTS_PER_MEGAWATT);
        }
    }

    private void grid(String name, String description, ToDoubleFunction<Dispatch> mw) {
        Gauge.builder(name, () -> mw.applyAsDouble(twin.currentDispatch()) * Units.WATTS_PER_MEGAWATT)
                .description(description)
                .baseUnit(WATTS)
                .register(registry);
    }

    private void load(String name, String description, String load, ToDoubleFunction<Dispatch> mw) {
        Gauge.builder(name, () -> mw.applyAsDouble(twin.currentDispatch()) * Units.WATTS_PER_MEGAWATT)
                .description(description)
                .tag("consumer", load)
                .baseUnit(WATTS)
                .register(registry);
    }

    private void counter(
            String name, String description, String load, String unit, ToDoubleFunction<LoadTotals> value) {
        FunctionCounter.builder(
                        name,
                        twin,
                        t -> t.read(g -> value.applyAsDouble(g.ledger().of(load))))
                .description(description)
                .tag("consumer", load)
                .baseUnit(unit)
                .register(registry);
    }

    private void source(String name, String description, String id, String kind, ToDoubleFunction<Dispatch> mw) {
        Gauge.builder(name, () -> mw.applyAsDouble(twin.currentDispatch()) * Units.WATTS_PER_MEGAWATT)
                .description(description)
                .tag("source", id)
                .tag("kind", kind)
                .baseUnit(WATTS)
                .register(registry);
    }

    /** Batteries keep their configured order in every dispatch, so a meter reads its battery by position. */
    private void battery(
            String name,
            String description,
            String id,
            int index,
            String unit,
            ToDoubleFunction<BatteryDispatch> value) {
        Gauge.builder(
                        name,
                        () -> value.applyAsDouble(
                                twin.currentDispatch().batteries().get(index)))
                .description(description)
                .tag("battery", id)
                .baseUnit(unit)
                .register(registry);
    }
}
