package io.terafab.fab.domain;

import io.terafab.fab.domain.FabForecaster.Band;
import io.terafab.fab.domain.FabForecaster.ForkPoint;
import io.terafab.fab.domain.FabForecaster.Replication;
import io.terafab.platform.model.ModelRejection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A what-if on the fab: paired replications forked from one state, the baseline (no change) and the
 * scenario on the same seeds (common random numbers: replication r of both arms starts from the same
 * state with the same seed, so their difference is the scenario's effect rather than chance), each
 * through {@link FabForecaster}'s replication path. The live fab is never run: every replication
 * restores its own simulation from the fork's copy.
 *
 * <p>Per week and over the horizon: wafers started, wafers out, good dies per SKU and the fab's energy, as P10/P50/P90
 * of each arm and of the paired differences (scenario − baseline).
 */
public final class FabWhatIf {

    public static final int MAX_REPLICATIONS = 20;
    public static final int MAX_HORIZON_DAYS = 91;

    private FabWhatIf() {}

    /** One figure in both arms, and the paired differences (scenario − baseline, replication by replication). */
    public record Comparison(Band baseline, Band scenario, Band difference) {}

    /** One week of the horizon, {@code [from, to)}; the last is shorter when the horizon is not whole weeks. */
    public record Week(
            int week,
            Instant from,
            Instant to,
            Comparison wafersStarted,
            Comparison wafersOut,
            Map<String, Comparison> goodDiesBySku,
            Comparison energyKwh) {}

    /** The whole horizon. */
    public record Total(
            Instant from,
            Instant to,
            Comparison wafersStarted,
            Comparison wafersOut,
            Map<String, Comparison> goodDiesBySku,
            Comparison energyKwh) {}

    /**
     * What a what-if found.
     *
     * @param from the fork instant (the fab's time)
     * @param seed the seed the replications' seeds are drawn from
     * @param changes the scenario, in its file form
     * @param cpuSeconds CPU time of all replications of both arms
     * @param wallSeconds wall time of the run
     * @param speedUp simulated horizon over wall time: how much faster than real time the answer came
     */
    public record Result(
            Instant from,
            int horizonDays,
            int replications,
            long seed,
            List<ScenarioChange.Spec> changes,
            List<Week> weeks,
            Total total,
            double cpuSeconds,
            double wallSeconds,
            double speedUp) {}

    /** Refuses, with the reason, a horizon or a number of replications out of bounds. */
    public static void requireBounds(int horizonDays, int replications) {
        if (horizonDays < 1 || horizonDays > MAX_HORIZON_DAYS) {
            throw ModelRejection.invalid("horizonDays must be 1 to " + MAX_HORIZON_DAYS + ", was " + horizonDays);
        }
        if (replications < 1 || replications > MAX_REPLICATIONS) {
            throw ModelRejection.invalid("replications must be 1 to " + MAX_REPLICATIONS + ", was " + replications);
        }
    }

    /**
     * Validates the scenario against the fab and its state at the fork, then runs {@code replications}
     * pairs over {@code horizonDays} on {@code threads} threads.
     */
    public static Result run(
            ForkPoint fork, Scenario scenario, int horizonDays, int replications, long seed, int threads) {
        requireBounds(horizonDays, replications);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        scenario.validate(fork.definition(), horizonDays * 24.0);
        scenario.validateAgainst(fork.definition(), fork.state());
        long wallBefore = System.nanoTime();
        double horizon = horizonDays * 86_400.0;
        long[] seeds = FabForecaster.seeds(seed, replications);
        // baseline and scenario of one seed side by side, so both arms progress together on any thread count
        List<Replication> runs = FabForecaster.inParallel(
                2 * replications,
                threads,
                i -> FabForecaster.run(
                        fork,
                        horizon,
                        seeds[i / 2],
                        i % 2 == 0 ? FabTimeline.NONE : scenario.timeline(fork.definition())));
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        List<Replication> baseline = new ArrayList<>(replications);
        List<Replication> changed = new ArrayList<>(replications);
        for (int i = 0; i < runs.size(); i++) {
            (i % 2 == 0 ? baseline : changed).add(runs.get(i));
        }
        int weeks = FabForecaster.weeksOf(horizon);
        List<Week> out = new ArrayList<>(weeks);
        for (int w = 0; w < weeks; w++) {
            int week = w;
            Instant weekFrom = fork.at().plus(Duration.ofDays(7L * w));
            Instant weekTo = fork.at().plus(Duration.ofDays(Math.min(7L * (w + 1), horizonDays)));
            out.add(new Week(
                    w + 1,
                    weekFrom,
                    weekTo,
                    compare(baseline, changed, r -> r.wafersStarted()[week]),
                    compare(baseline, changed, r -> r.wafersOut()[week]),
                    diesBySku(baseline, changed, dies -> dies[week]),
                    compare(baseline, changed, r -> r.energyKwh()[week])));
        }
        Total total = new Total(
                fork.at(),
                fork.at().plus(Duration.ofDays(horizonDays)),
                compare(baseline, changed, r -> sum(r.wafersStarted())),
                compare(baseline, changed, r -> sum(r.wafersOut())),
                diesBySku(baseline, changed, FabWhatIf::sum),
                compare(baseline, changed, r -> sum(r.energyKwh())));
        double cpu = runs.stream().mapToDouble(Replication::cpuSeconds).sum();
        List<ScenarioChange.Spec> specs =
                scenario.changes().stream().map(ScenarioChange::spec).toList();
        return new Result(
                fork.at(),
                horizonDays,
                replications,
                seed,
                specs,
                List.copyOf(out),
                total,
                cpu,
                wall,
                wall > 0 ? horizon / wall : Double.POSITIVE_INFINITY);
    }

    private static Comparison compare(
            List<Replication> baseline, List<Replication> changed, ToDoubleFunction<Replication> figure) {
        int n = baseline.size();
        double[] base = new double[n];
        double[] scen = new double[n];
        double[] diff = new double[n];
        for (int r = 0; r < n; r++) {
            base[r] = figure.applyAsDouble(baseline.get(r));
            scen[r] = figure.applyAsDouble(changed.get(r));
            diff[r] = scen[r] - base[r];
        }
        return new Comparison(Band.of(base), Band.of(scen), Band.of(diff));
    }

    private static Map<String, Comparison> diesBySku(
            List<Replication> baseline, List<Replication> changed, ToDoubleFunction<long[]> ofWeeks) {
        Map<String, Comparison> bySku = new LinkedHashMap<>();
        for (String sku : baseline.get(0).goodDiesBySku().keySet()) {
            bySku.put(
                    sku,
                    compare(
                            baseline,
                            changed,
                            r -> ofWeeks.applyAsDouble(r.goodDiesBySku().get(sku))));
        }
        return bySku;
    }

    private static double sum(long[] values) {
        double total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
