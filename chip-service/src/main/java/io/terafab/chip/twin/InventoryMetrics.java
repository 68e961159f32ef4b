package io.terafab.chip.twin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.terafab.chip.domain.ChipInventory;
import io.terafab.chip.domain.ChipState;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The inventory's metrics, read from the model at scrape time (so they survive restarts with the
 * model) and registered at startup for every SKU, so they exist before the first event. Rates and
 * supply are in simulated time, whatever the twin's speed. Tags are bounded: SKUs come from the
 * catalog, states from {@link ChipState}.
 */
@Startup
@ApplicationScoped
public class InventoryMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    ChipTwin twin;

    @PostConstruct
    void register() {
        List<String> skus = twin.read(inv -> List.copyOf(inv.countsBySku().keySet()));
        for (String sku : skus) {
            chips(sku, "produced", inv -> inv.counts(sku).produced());
            for (ChipState state : ChipState.values()) {
                chips(
                        sku,
                        state.name().toLowerCase(Locale.ROOT),
                        inv -> inv.counts(sku).count(state));
            }
            // read in one step under the lock, unlike a difference of the state gauges scraped one by one
            Gauge.builder(
                            "terafab.chips.unaccounted",
                            () -> twin.read(inv -> inv.counts(sku).unaccounted()))
                    .description("Chips produced but in no state (conservation check): 0 unless the model is wrong")
                    .tag("sku", sku)
                    .register(registry);
            Gauge.builder("terafab.chips.production.rate", () -> twin.read(inv -> inv.productionPerSecond(sku)))
                    .description("Chips passing final test per simulated second, over the trailing rate window")
                    .baseUnit("chips.per.second")
                    .tag("sku", sku)
                    .register(registry);
            Gauge.builder("terafab.chips.usage.rate", () -> twin.read(inv -> inv.usagePerSecond(sku)))
                    .description(
                            "Chips taken from stock (reserved) per simulated second, over the trailing rate window")
                    .baseUnit("chips.per.second")
                    .tag("sku", sku)
                    .register(registry);
            Gauge.builder("terafab.chips.supply", () -> twin.read(inv -> inv.supplySeconds(sku)))
                    .description("How long the stock lasts at the recent usage rate (days of supply), simulated; "
                            + "+Inf while nothing is used")
                    .baseUnit("seconds")
                    .tag("sku", sku)
                    .register(registry);
        }
        for (String skuOrAny :
                twin.read(inv -> List.copyOf(inv.backorderedBySku().keySet()))) {
            Gauge.builder(
                            "terafab.chips.backordered",
                            () -> twin.read(inv -> inv.backorderedBySku().get(skuOrAny)))
                    .description("Accelerators requested and waiting for stock, per SKU asked for (any: no SKU named)")
                    .tag("sku", skuOrAny)
                    .register(registry);
        }
        gauge(
                "terafab.chips.backorders",
                "Capacity requests waiting for stock",
                inv -> inv.requests().backorderedCount());
        gauge(
                "terafab.chips.reservations",
                "Open reservations waiting to be installed",
                ChipInventory::openReservations);
        gauge(
                "terafab.chips.fill.ratio",
                "Share of requested accelerators reserved from stock on arrival (NaN before " + "the first request)",
                inv -> inv.requests().fillRatio());
        gauge(
                "terafab.chips.racks",
                "Racks with accelerators installed",
                inv -> inv.crew().racksInUse());
        gauge(
                "terafab.chips.lots.recorded",
                "Lots whose wafer-out was recorded",
                inv -> inv.lineage().lotsRecorded());
        counter(
                "terafab.chips.requested",
                "Accelerators asked for by capacity requests",
                inv -> inv.requests().requestedTotal());
        counter(
                "terafab.chips.filled",
                "Accelerators reserved from stock the moment their request arrived",
                inv -> inv.requests().filledOnArrivalTotal());
        counter(
                "terafab.chips.expired",
                "Reserved accelerators put back in stock, not installed in time",
                inv -> inv.requests().expiredTotal());
    }

    private void chips(String sku, String state, ToDoubleFunction<ChipInventory> value) {
        Gauge.builder("terafab.chips.chips", () -> twin.read(value::applyAsDouble))
                .description("Chips per SKU and inventory state (produced: all that passed final test)")
                .tag("sku", sku)
                .tag("state", state)
                .register(registry);
    }

    private void gauge(String name, String description, ToDoubleFunction<ChipInventory> value) {
        Gauge.builder(name, () -> twin.read(value::applyAsDouble))
                .description(description)
                .register(registry);
    }

    private void counter(String name, String description, ToDoubleFunction<ChipInventory> value) {
        FunctionCounter.builder(name, twin, t -> t.read(value::applyAsDouble))
                .description(description)
                .register(registry);
    }
}
