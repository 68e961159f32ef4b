package io.terafab.fab.domain;

import static io.terafab.fab.domain.ForecastFixtures.DAY;
import static io.terafab.fab.domain.ForecastFixtures.defaultFab;
import static io.terafab.fab.domain.ForecastFixtures.defaultYield;
import static org.assertj.core.api.Assertions.assertThat;

import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.simulation.FabSimulation;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The forecast against what the fab then did: a seeded run of the default fab is forked at day 60
 * into replications with other seeds, and the run itself goes on for the 13 weeks forecast. The
 * actual wafers out of each week must lie within the forecast's P10-P90; the coverage and the mean
 * absolute percentage error of the P50 are printed.
 *
 * <p>The run's own future is one more draw of the model the replications draw from, so a P10-P90
 * band covers it with probability 0.8 a week (the bands are quantiles of the next outcome, see
 * {@link FabForecaster.Band}). 13 weeks at 0.8 give 11 or more weeks covered only about half the
 * time (binomial), so the test asks for 10 of 13 (77 %), which a calibrated forecast meets about
 * three times in four, and which bands of the replications' own spread (type-7 quantiles, 65 %
 * expected) missed on this run with 7 of 13.
 */
class ForecastBacktestTest {

    private static final double FORK_AT = 60 * DAY;
    private static final int WEEKS = 13;
    /** Enough for P10 and P90 to be interpolated between distinct runs; about 2 s of CPU each. */
    private static final int REPLICATIONS = 10;

    private static final long RUN_SEED = 2026;

    @Test
    void theActualWeeksLieWithinTheForecastBandsAndTheMedianErrorIsPrinted() {
        FabDefinition fab = defaultFab();
        FabSimulation run = new FabSimulation(fab, ForecastFixtures.LINE_SCRAP, RUN_SEED);
        long[] actual = new long[WEEKS];
        run.onFinished(lot -> {
            int week = (int) Math.floor((lot.finishedAt() - FORK_AT) / (FabForecaster.WEEK_SECONDS));
            if (!lot.scrapped() && week >= 0 && week < WEEKS) {
                actual[week] += lot.wafers();
            }
        });
        run.runUntil(FORK_AT);
        FabForecaster.ForkPoint fork = new FabForecaster.ForkPoint(
                fab, defaultYield(), ForecastFixtures.LINE_SCRAP, run.state(), Instant.EPOCH.plusSeconds(60 * 86_400));
        FabForecaster.Forecast forecast = FabForecaster.forecast(fork, REPLICATIONS, WEEKS, 11, 2);
        run.runUntil(FORK_AT + WEEKS * FabForecaster.WEEK_SECONDS);

        int covered = 0;
        double absolutePercentageErrors = 0;
        StringBuilder table = new StringBuilder();
        for (int w = 0; w < WEEKS; w++) {
            FabForecaster.Band band = forecast.weeks().get(w).wafersOut();
            boolean in = band.covers(actual[w]);
            covered += in ? 1 : 0;
            absolutePercentageErrors += Math.abs(actual[w] - band.p50()) / actual[w];
            table.append(String.format(
                    Locale.ROOT,
                    "  week %2d: actual %6d  P10 %8.0f  P50 %8.0f  P90 %8.0f  %s%n",
                    w + 1,
                    actual[w],
                    band.p10(),
                    band.p50(),
                    band.p90(),
                    in ? "in" : "OUT"));
        }
        double coverage = (double) covered / WEEKS;
        double mape = absolutePercentageErrors / WEEKS * 100;
        System.out.printf(
                Locale.ROOT,
                "forecast backtest, fork at day 60, %d replications:%n%sbacktest_coverage=%.2f backtest_mape_p50_pct=%.1f%n",
                REPLICATIONS,
                table,
                coverage,
                mape);

        assertThat(covered).as("weeks within P10-P90 of %d", WEEKS).isGreaterThanOrEqualTo(10);
    }
}
