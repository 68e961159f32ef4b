package io.terafab.chip.twin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.terafab.chip.domain.carbon.EmbodiedLedger;
import io.terafab.chip.domain.carbon.PackagingFootprint;
import io.terafab.platform.metrics.ScrapeRead;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * The configured packaging and test footprint, and the embodied-carbon gauges per SKU (base units:
 * watt-hours and grams per chip, mean over the chips of the lots recorded with a footprint).
 */
@Startup
@ApplicationScoped
public class ChipCarbon {

    @Inject
    ChipConfig config;

    @Inject
    ChipTwin twin;

    @Inject
    MeterRegistry registry;

    public PackagingFootprint packaging() {
        return new PackagingFootprint(
                config.embodied().packagingTestKwhPerChip() * 1e3,
                config.embodied().packagingTestKgCo2ePerChip() * 1e3);
    }

    @PostConstruct
    void register() {
        for (String product : config.products()) {
            for (String bin : config.bins()) {
                String sku = product + "-" + bin;
                Gauge.builder("terafab.chips.embodied.energy.per.chip", this, c -> c.perChip(sku, true))
                        .description("Energy to make one chip of the SKU: fab share plus packaging and test")
                        .baseUnit("watt-hours")
                        .tag("sku", sku)
                        .register(registry);
                Gauge.builder("terafab.chips.embodied.carbon.per.chip", this, c -> c.perChip(sku, false))
                        .description("CO2e of making one chip of the SKU: fab share plus packaging and test")
                        .baseUnit("grams")
                        .tag("sku", sku)
                        .register(registry);
            }
        }
    }

    /** One read of the ledger per scrape, not one per gauge. */
    private final ScrapeRead<Map<String, EmbodiedLedger.Embodied>> embodiedBySku = new ScrapeRead<>(this::readEmbodied);

    private Map<String, EmbodiedLedger.Embodied> readEmbodied() {
        PackagingFootprint p = packaging();
        return twin.read(inv -> {
            Map<String, EmbodiedLedger.Embodied> all = new HashMap<>();
            for (String product : config.products()) {
                for (String bin : config.bins()) {
                    String s = product + "-" + bin;
                    all.put(s, inv.embodied().accelerator(null, s, p));
                }
            }
            return all;
        });
    }

    private double perChip(String sku, boolean energy) {
        EmbodiedLedger.Embodied e = embodiedBySku.get().get(sku);
        return e == null ? Double.NaN : energy ? e.totalWh() : e.totalCarbonGrams();
    }
}
