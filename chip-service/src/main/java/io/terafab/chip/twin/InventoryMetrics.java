package io.terafab.chip.twin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Gauges of chips per SKU and state, read from the model at scrape time. */
@Startup
@ApplicationScoped
public class InventoryMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    ChipTwin twin;

    @PostConstruct
    void register() {
        for (String sku : twin.read(inv -> inv.stockBySku().keySet())) {
            gauge(sku, "produced", () -> twin.read(inv -> inv.stockBySku().get(sku).produced()));
            gauge(sku, "in_stock", () -> twin.read(inv -> inv.stockBySku().get(sku).inStock()));
            gauge(sku, "installed", () -> twin.read(inv -> inv.stockBySku().get(sku).installed()));
        }
        Gauge.builder("terafab.chips.lots.recorded", () -> twin.read(inv -> inv.lotsRecorded()))
                .description("Lots whose wafer-out was recorded").register(registry);
    }

    private void gauge(String sku, String state, java.util.function.Supplier<Number> value) {
        Gauge.builder("terafab.chips.chips", value)
                .description("Chips per SKU and inventory state")
                .tag("sku", sku)
                .tag("state", state)
                .register(registry);
    }
}
