package io.terafab.power.twin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.terafab.power.domain.GridSettings;
import java.time.Duration;
import java.util.List;

/** Grid settings. Powers in MW, durations in simulated time; where each default comes from is said on it. */
@ConfigMapping(prefix = "power")
public interface PowerConfig {

    /**
     * What the utility connection may import, MW. 400 MW is one large transmission-level
     * interconnect, the order of the campus-scale (hundreds of MW) loads the design brief names.
     */
    @WithDefault("400")
    double gridImportCap();

    /**
     * On-site generation, MW, always available in this model: 150 MW is three aeroderivative gas
     * turbines of the ~50 MW class (GE LM6000 family).
     */
    @WithDefault("150")
    double onsiteGeneration();

    /**
     * Offices, utilities and the central plant, MW, served before any consumer. 20 MW is an
     * estimate, about 5% of a 400 MW campus.
     */
    @WithDefault("20")
    double campusBaseLoad();

    /**
     * Consumers that get budgets, highest priority first: the fab before the data center, because a
     * fab stopped mid-lot scraps wafers while AI jobs can checkpoint and slow down.
     */
    @WithDefault("fab,dc")
    List<String> consumers();

    /**
     * How long a budget holds. Five minutes is the dispatch interval of real-time electricity
     * markets (ERCOT, CAISO).
     */
    @WithDefault("5m")
    Duration budgetValidity();

    /**
     * A consumer silent for longer than this is flagged stale; it keeps its last demand rather than
     * losing power because its telemetry stopped. Fifteen minutes is three dispatch intervals, the
     * settlement interval of ERCOT.
     */
    @WithDefault("15m")
    Duration demandTimeout();

    default GridSettings toSettings() {
        return new GridSettings(gridImportCap(), onsiteGeneration(), campusBaseLoad(), consumers(), budgetValidity(),
                demandTimeout());
    }
}
