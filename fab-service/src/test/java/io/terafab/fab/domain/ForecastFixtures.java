package io.terafab.fab.domain;

import io.terafab.contract.CampusDefaults;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.TerafabFab;
import java.util.List;

/** The default Terafab fab and yield settings, as fab-service builds them at its defaults. */
final class ForecastFixtures {

    static final int STARTS_PER_MONTH = 100_000;
    static final double LINE_SCRAP = 0.01;
    static final double DAY = 86_400;

    private ForecastFixtures() {}

    static FabDefinition defaultFab() {
        return TerafabFab.build(TerafabFab.template(), CampusDefaults.PRODUCT, STARTS_PER_MONTH, true);
    }

    static YieldSettings defaultYield() {
        return new YieldSettings(
                800, 0.06385, DieYieldModel.POISSON, 3, CampusDefaults.bins(), List.of(0.25, 0.50, 0.25));
    }

    /** Good wafers a day at the start rate, after line scrap. */
    static double goodWafersPerDay() {
        return STARTS_PER_MONTH / (TerafabFab.MEAN_MONTH_SECONDS / DAY) * (1 - LINE_SCRAP);
    }
}
