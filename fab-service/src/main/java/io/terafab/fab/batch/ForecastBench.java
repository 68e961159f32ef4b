package io.terafab.fab.batch;

import io.terafab.contract.CampusDefaults;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.TerafabFab;
import io.terafab.fab.domain.DieYieldModel;
import io.terafab.fab.domain.FabForecaster;
import io.terafab.fab.domain.LiveFab;
import io.terafab.fab.domain.YieldSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The forecast's speed, for {@code bench/run what-if}: the default Terafab fab (100k wafer starts a
 * month) warmed up as a live start is ({@link LiveFab}'s warm-up, 30 days), then forked into
 * 13-week replications on a pool of threads, the way {@code GET /fab/forecast} runs them.
 * Arguments: {@code [REPLICATIONS] [THREADS]} (default 8 and 2). Ends with
 * {@code forecast_replications_per_min=<n>} and the CPU seconds per replication.
 */
public final class ForecastBench {

    static final int WEEKS = 13;
    static final Duration WARM_UP = Duration.ofDays(30);

    private ForecastBench() {}

    public static void main(String[] args) {
        int replications = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        FabDefinition fab = TerafabFab.build(TerafabFab.template(), CampusDefaults.PRODUCT, 100_000, true);
        YieldSettings yield = new YieldSettings(
                800, 0.06385, DieYieldModel.POISSON, 3, CampusDefaults.bins(), List.of(0.25, 0.5, 0.25));
        LiveFab live = new LiveFab(fab, yield, 0.01, 42, WARM_UP);
        live.start(Instant.parse("2026-01-01T00:00:00Z"));
        FabForecaster.ForkPoint fork = live.forkPoint();
        // one replication first, so the JIT has compiled the engine before the timed set
        FabForecaster.run(fork, 1, 1);
        long t0 = System.nanoTime();
        FabForecaster.Forecast forecast = FabForecaster.forecast(fork, replications, WEEKS, 7, threads);
        double wallSeconds = (System.nanoTime() - t0) / 1e9;
        FabForecaster.Band week1 = forecast.weeks().get(0).wafersOut();
        System.out.printf(
                Locale.ROOT,
                "replications=%d weeks=%d threads=%d wall_s=%.2f cpu_s_per_replication=%.2f"
                        + " week1_wafers_p10=%.0f p50=%.0f p90=%.0f%n",
                replications,
                WEEKS,
                threads,
                wallSeconds,
                forecast.cpuSeconds() / replications,
                week1.p10(),
                week1.p50(),
                week1.p90());
        System.out.printf(Locale.ROOT, "forecast_replications_per_min=%.1f%n", replications / wallSeconds * 60);
    }
}
