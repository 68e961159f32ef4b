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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run forecast}: what a forecast (and a what-if, which runs the same replications twice)
 * costs. The default Terafab fab (100k wafer starts a month) warmed up as a live start is
 * ({@link LiveFab}'s warm-up, 30 days), then, from one fork point:
 *
 * <ul>
 *   <li>the baseline: the live fab itself run 13 weeks forward, the engine with no fork around it;
 *   <li>one replication of 13 weeks restored from the fork's copy of the state, on the caller's thread:
 *       {@code ratio} is its wall time over the baseline's, what forking costs on top of simulating;
 *   <li>the forecast as {@code GET /fab/forecast} runs it: REPLICATIONS replications on THREADS threads.
 * </ul>
 *
 * Arguments: {@code [REPLICATIONS] [THREADS]} (8 and 2; fab-service's forecast runs 8 on
 * {@code fab.forecast.threads}, 1, its what-if on {@code fab.what-if.threads}, 2). One replication runs
 * first, untimed, so that the JIT has compiled the engine before anything is timed.
 */
public final class ForecastBench {

    static final int WEEKS = 13;
    static final Duration WARM_UP = Duration.ofDays(30);
    private static final double REAL_SECONDS = WEEKS * 7 * 86_400.0;

    private ForecastBench() {}

    public static void main(String[] args) {
        int replications = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        FabDefinition fab = TerafabFab.build(TerafabFab.template(), CampusDefaults.PRODUCT, 100_000, true);
        YieldSettings yield = new YieldSettings(
                800, 0.06385, DieYieldModel.POISSON, 3, CampusDefaults.bins(), List.of(0.25, 0.5, 0.25));
        LiveFab live = new LiveFab(fab, yield, 0.01, 42, WARM_UP);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        live.start(start);
        FabForecaster.ForkPoint fork = live.forkPoint();
        FabForecaster.run(fork, WEEKS, 1); // untimed: the JIT compiles the engine

        long t0 = System.nanoTime();
        FabForecaster.Replication one = FabForecaster.run(fork, WEEKS, 2);
        double replicationSeconds = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        long wafersBefore = live.wafersOut();
        live.advance(fork.at().plus(Duration.ofDays(7L * WEEKS)));
        double liveSeconds = (System.nanoTime() - t1) / 1e9;
        long liveWafers = live.wafersOut() - wafersBefore;

        long t2 = System.nanoTime();
        FabForecaster.Forecast forecast = FabForecaster.forecast(fork, replications, WEEKS, 7, threads);
        double wallSeconds = (System.nanoTime() - t2) / 1e9;
        FabForecaster.Band week1 = forecast.weeks().get(0).wafersOut();
        long replicationWafers = Arrays.stream(one.wafersOut()).sum();
        System.out.printf(
                Locale.ROOT,
                "fork at %s (after a %d-day warm-up): live run of %d weeks %.2f s (%d wafers out), one replication"
                        + " %.2f s (%d wafers out); %d replications on %d threads %.2f s wall, %.2f s CPU each;"
                        + " week 1 wafers out P10/P50/P90 %.0f/%.0f/%.0f%n",
                fork.at(),
                WARM_UP.toDays(),
                WEEKS,
                liveSeconds,
                liveWafers,
                replicationSeconds,
                replicationWafers,
                replications,
                threads,
                wallSeconds,
                forecast.cpuSeconds() / replications,
                week1.p10(),
                week1.p50(),
                week1.p90());
        System.out.printf(
                Locale.ROOT,
                "forecast_replications_per_min=%.1f replication_s=%.2f live_run_s=%.2f ratio=%.3f"
                        + " cpu_s_per_replication=%.2f times_real_time=%.0f%n",
                replications / wallSeconds * 60,
                replicationSeconds,
                liveSeconds,
                replicationSeconds / liveSeconds,
                forecast.cpuSeconds() / replications,
                REAL_SECONDS * replications / wallSeconds);
    }
}
