package io.terafab.fab.domain;

import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.simulation.FabSimulation;
import io.terafab.fab.simulation.FinishedLot;
import io.terafab.fab.simulation.RandomStream;
import io.terafab.fab.simulation.SimulationState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Replications of the fab run forward from one state, each with its own seed: how many wafers
 * leave the line good and how many good dies of each SKU they carry, per week, as P10/P50/P90
 * over the replications. Each replication is a fresh {@link FabSimulation} restored from a copy of
 * the state, so the live model is never touched, and replication {@code r} of a seed gives the
 * same figures however many threads run the set.
 *
 * <p>What holds over the horizon: the fab's definition and start rate, the power cap in force at
 * the fork (a budget issued later is not known), tool states and pending downtimes as they were
 * (later ones drawn by each replication's seed).
 */
public final class FabForecaster {

    static final double WEEK_SECONDS = 7 * 86_400;
    static final double JOULES_PER_KWH = 3.6e6;

    private FabForecaster() {}

    /**
     * A copy of the live fab's state and what it was built from.
     *
     * @param at the instant of the state (the fab's time)
     */
    public record ForkPoint(
            FabDefinition definition, YieldSettings yield, double lineScrapShare, SimulationState state, Instant at) {}

    /**
     * One replication's weekly outputs (the last week shorter when the horizon is not whole weeks).
     *
     * @param wafersOut wafers that left the line good, per week
     * @param goodDiesBySku good dies per SKU ({@code <product>-<bin>}, chip-service's naming), per week
     * @param wafersStarted wafers released into the line, per week
     * @param energyKwh the fab's draw integrated over each week, kWh
     */
    public record Replication(
            long seed,
            long[] wafersOut,
            Map<String, long[]> goodDiesBySku,
            long[] wafersStarted,
            double[] energyKwh,
            double cpuSeconds) {}

    /**
     * P10, P50 and P90 of a figure over the replications, as quantiles of the next outcome: the
     * k-th smallest of n replications stands at k/(n+1) (Hyndman and Fan's type 6), so that the
     * week that actually happens, one more draw of the same model, falls within P10-P90 with
     * probability 0.8. Quantiles interpolated between the sample's ranks (type 7) would narrow
     * the band to 0.8·(n−1)/(n+1) of that, 65 % for 10 replications.
     */
    public record Band(double p10, double p50, double p90) {

        static Band of(long[] values) {
            return of(Arrays.stream(values).asDoubleStream().toArray());
        }

        static Band of(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return new Band(percentile(sorted, 0.10), percentile(sorted, 0.50), percentile(sorted, 0.90));
        }

        /** Whether {@code value} lies within P10-P90 (both ends included). */
        public boolean covers(double value) {
            return value >= p10 && value <= p90;
        }
    }

    /** One week of the horizon: {@code [from, to)}. */
    public record Week(int week, Instant from, Instant to, Band wafersOut, Map<String, Band> goodDiesBySku) {}

    /**
     * The forecast: {@code weeks} weeks from {@code from}, over {@code replications} runs.
     *
     * @param seed the seed the replications' seeds are drawn from
     * @param cpuSeconds CPU time the replications took, all threads together (0 where the JVM does not count it)
     */
    public record Forecast(
            Instant from, int weeksAhead, int replications, long seed, double cpuSeconds, List<Week> weeks) {}

    /** Runs the replications and summarizes them per week. */
    public static Forecast forecast(ForkPoint from, int replications, int weeks, long seed, int threads) {
        List<Replication> runs = replicate(from, replications, weeks, seed, threads);
        double cpu = runs.stream().mapToDouble(Replication::cpuSeconds).sum();
        return summarize(from.at(), runs, weeks, seed, cpu);
    }

    /** Per-week bands of a set of replications. */
    public static Forecast summarize(Instant from, List<Replication> runs, int weeks, long seed, double cpuSeconds) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a forecast needs at least one replication");
        }
        List<Week> out = new ArrayList<>(weeks);
        for (int w = 0; w < weeks; w++) {
            int week = w;
            long[] wafers = runs.stream().mapToLong(r -> r.wafersOut()[week]).toArray();
            Map<String, Band> dies = new LinkedHashMap<>();
            for (String sku : runs.get(0).goodDiesBySku().keySet()) {
                dies.put(
                        sku,
                        Band.of(runs.stream()
                                .mapToLong(r -> r.goodDiesBySku().get(sku)[week])
                                .toArray()));
            }
            Instant weekFrom = from.plus(Duration.ofDays(7L * w));
            out.add(new Week(w + 1, weekFrom, weekFrom.plus(Duration.ofDays(7)), Band.of(wafers), dies));
        }
        return new Forecast(from, weeks, runs.size(), seed, cpuSeconds, List.copyOf(out));
    }

    /**
     * Runs {@code replications} replications of {@code weeks} weeks on {@code threads} threads (the
     * caller's own thread when 1), in replication order.
     */
    public static List<Replication> replicate(ForkPoint from, int replications, int weeks, long seed, int threads) {
        if (replications < 1 || weeks < 1 || threads < 1) {
            throw new IllegalArgumentException("replications, weeks and threads must be >= 1, were " + replications
                    + ", " + weeks + ", " + threads);
        }
        long[] seeds = seeds(seed, replications);
        return inParallel(replications, threads, r -> run(from, weeks, seeds[r]));
    }

    /**
     * Runs {@code tasks} tasks on {@code threads} threads (the caller's own thread when 1) and returns
     * their results in task order, whatever order they finish in: every set of replications runs
     * through here.
     */
    static <T> List<T> inParallel(int tasks, int threads, IntFunction<T> task) {
        if (threads == 1) {
            List<T> results = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                results.add(task.apply(i));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks), r -> {
            Thread t = new Thread(r, "fab-forecast");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            List<T> results = new ArrayList<>(tasks);
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replications interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a replication failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The replications' seeds: a SplitMix64 stream of {@code seed}, so replication r's seed does not depend on how many run. */
    static long[] seeds(long seed, int replications) {
        RandomStream stream = new RandomStream(seed);
        long[] seeds = new long[replications];
        for (int r = 0; r < replications; r++) {
            seeds[r] = stream.nextLong();
        }
        return seeds;
    }

    /** One replication: a new simulation restored from the fork's state, re-seeded, run {@code weeks} weeks. */
    public static Replication run(ForkPoint from, int weeks, long seed) {
        return run(from, weeks * WEEK_SECONDS, seed, FabTimeline.NONE);
    }

    /** Weeks a horizon spans, the last one possibly shorter. */
    static int weeksOf(double horizonSeconds) {
        return (int) Math.ceil(horizonSeconds / WEEK_SECONDS - 1e-9);
    }

    /**
     * One replication of {@code horizonSeconds}: a new simulation restored from the fork's state,
     * re-seeded, run forward with the timeline's actions applied at their instants (actions at or
     * after the horizon are not reached). The same fork, seed and timeline give the same replication.
     */
    static Replication run(ForkPoint from, double horizonSeconds, long seed, FabTimeline timeline) {
        long cpuBefore = cpuNanos();
        int weeks = weeksOf(horizonSeconds);
        FabDefinition d = from.definition();
        FabDefinition withoutWip = new FabDefinition(
                d.name(),
                d.toolGroups(),
                d.products(),
                d.releases(),
                List.of(),
                d.downtimes(),
                d.setupSeconds(),
                d.transport(),
                d.facilityWatts());
        FabSimulation sim = new FabSimulation(withoutWip, from.lineScrapShare(), seed);
        sim.restore(from.state());
        sim.reseed(seed);
        double start = sim.now();
        long[] wafers = new long[weeks];
        Map<String, long[]> dies = new LinkedHashMap<>();
        for (var product : d.products()) {
            for (String bin : from.yield().bins()) {
                dies.put(product.name() + "-" + bin, new long[weeks]);
            }
        }
        Map<Integer, Map<String, Integer>> diesOfLotSize = new LinkedHashMap<>();
        sim.onFinished((FinishedLot lot) -> {
            if (lot.scrapped()) {
                return;
            }
            int week = (int) ((lot.finishedAt() - start) / WEEK_SECONDS);
            if (week >= weeks) {
                return;
            }
            wafers[week] += lot.wafers();
            Map<String, Integer> byBin = diesOfLotSize.computeIfAbsent(
                    lot.wafers(), w -> from.yield().goodDiesByBin(w));
            byBin.forEach((bin, n) -> dies.get(lot.product() + "-" + bin)[week] += n);
        });
        sim.integrateDraw();
        double[] energyKwh = new double[weeks];
        long[] started = new long[weeks];
        long startedBefore = sim.totals().wafersStarted();
        List<FabTimeline.Step> steps = timeline.steps();
        int next = 0;
        double joulesBefore = 0;
        for (int w = 0; w < weeks; w++) {
            double weekEnd = start + Math.min((w + 1) * WEEK_SECONDS, horizonSeconds);
            while (next < steps.size() && start + steps.get(next).offsetSeconds() < weekEnd) {
                FabTimeline.Step step = steps.get(next++);
                sim.runUntil(start + step.offsetSeconds());
                step.action().accept(sim);
            }
            sim.runUntil(weekEnd);
            energyKwh[w] = (sim.drawnJoules() - joulesBefore) / JOULES_PER_KWH;
            joulesBefore = sim.drawnJoules();
            started[w] = sim.totals().wafersStarted() - startedBefore;
            startedBefore = sim.totals().wafersStarted();
        }
        return new Replication(seed, wafers, dies, started, energyKwh, (cpuNanos() - cpuBefore) / 1e9);
    }

    private static double percentile(double[] sorted, double p) {
        int n = sorted.length;
        double h = (n + 1) * p; // 1-based rank
        if (h <= 1) {
            return sorted[0];
        }
        if (h >= n) {
            return sorted[n - 1];
        }
        int lo = (int) Math.floor(h);
        return sorted[lo - 1] + (h - lo) * (sorted[lo] - sorted[lo - 1]);
    }

    private static long cpuNanos() {
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : 0;
    }
}
