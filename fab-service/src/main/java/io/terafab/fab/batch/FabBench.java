package io.terafab.fab.batch;

import com.sun.management.ThreadMXBean;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.LotPriority;
import io.terafab.fab.definition.Product;
import io.terafab.fab.definition.TerafabFab;
import io.terafab.fab.definition.ToolGroup;
import io.terafab.fab.simulation.FabSimulation;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The fab benchmarks behind {@code bench/run}:
 * <ul>
 * <li>{@code fab-year}: the default Terafab fab (100k wafers a month, pre-loaded WIP) for one
 * simulated year in batch mode, next to the engine's own calendar running no-op events with as
 * many pending: the like-for-like ratio, the fab's events per second over the calendar's alone;</li>
 * <li>{@code fab}: the same year next to a bare {@link java.util.PriorityQueue} event loop (other
 * work: an event object allocated per event on a heap of references), plus two simulated years of
 * SMT2020 HV/LM when the dataset is present.</li>
 * </ul>
 * Both count the bytes the year allocates (the simulation runs on this thread alone) and print
 * what the year says of the model (size, bottleneck, x-factor). Each ends with one line of
 * key=value figures.
 */
public final class FabBench {

    static final long SEED = 42;
    static final double YEAR_DAYS = 365;
    static final int WAFER_STARTS_PER_MONTH = 100_000;
    /** Events each baseline loop runs: long enough to be warm, short enough to take a few seconds. */
    static final long BASELINE_EVENTS = 30_000_000;
    /** Counts the bytes a thread allocates (HotSpot's extension of the standard bean). */
    private static final ThreadMXBean THREADS = threads();

    private FabBench() {}

    private static ThreadMXBean threads() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!threads.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not count the bytes a thread allocates");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }

    /** Regular lots count towards the x-factor once the line has settled, as in TerafabFabTest. */
    static final double WARM_UP_DAYS = 60;

    record FabRun(
            long events,
            double wallSeconds,
            int pendingEvents,
            boolean conserved,
            long wafersOut,
            long allocatedBytes,
            FabModel model) {

        double eventsPerSecond() {
            return events / wallSeconds;
        }

        double simDaysPerWallMinute() {
            return YEAR_DAYS / (wallSeconds / 60);
        }

        double allocatedMegabytes() {
            return allocatedBytes / 1e6;
        }
    }

    /**
     * What the year says of the model, for the README's description of the default fab: its size,
     * the utilization of the EUV groups (the designed bottleneck) and of the busiest other group,
     * and the x-factor (cycle time over raw process time) of the regular lots released in the run
     * that came out after the warm-up.
     */
    record FabModel(
            int toolGroups,
            int tools,
            int routeSteps,
            long euvSteps,
            double leastUtilizedEuv,
            double mostUtilizedOther,
            long regularLots,
            double regularXFactor) {

        void print() {
            System.out.printf(
                    Locale.ROOT,
                    "model: %d tool groups, %d tools, a %d-step route with %d EUV steps;"
                            + " utilization over the year: EUV groups %.3f at least, any other group %.3f at most;"
                            + " %d regular lots released in the run and out after day %.0f, at an x-factor of %.2f%n",
                    toolGroups,
                    tools,
                    routeSteps,
                    euvSteps,
                    leastUtilizedEuv,
                    mostUtilizedOther,
                    regularLots,
                    WARM_UP_DAYS,
                    regularXFactor);
        }
    }

    static FabRun defaultFabYear() {
        FabDefinition fab = TerafabFab.build(TerafabFab.template(), "TFA-1", WAFER_STARTS_PER_MONTH, true);
        FabSimulation simulation = new FabSimulation(fab, 0.01, SEED);
        double[] regular = new double[2]; // lots, cycle time sum
        simulation.onFinished(lot -> {
            if (!lot.initialWip()
                    && !lot.scrapped()
                    && lot.priority() == LotPriority.REGULAR
                    && lot.finishedAt() > WARM_UP_DAYS * 86_400) {
                regular[0]++;
                regular[1] += lot.cycleTimeSeconds();
            }
        });
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        simulation.runUntil(YEAR_DAYS * 86_400);
        double wall = (System.nanoTime() - start) / 1e9;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        return new FabRun(
                simulation.totals().eventsProcessed(),
                wall,
                simulation.pendingEvents(),
                simulation.conserved(),
                simulation.totals().wafersOut(),
                allocated,
                model(fab, simulation, (long) regular[0], regular[1] / regular[0]));
    }

    private static FabModel model(
            FabDefinition fab, FabSimulation simulation, long regularLots, double meanCycleSeconds) {
        List<ToolGroup> groups = fab.toolGroups();
        Product product = fab.products().get(0);
        long euvSteps = product.route().stream()
                .filter(step -> isEuv(groups.get(step.toolGroup())))
                .count();
        double leastEuv = IntStream.range(0, groups.size())
                .filter(g -> isEuv(groups.get(g)))
                .mapToDouble(simulation::utilization)
                .min()
                .orElse(Double.NaN);
        double mostOther = IntStream.range(0, groups.size())
                .filter(g -> !isEuv(groups.get(g)))
                .mapToDouble(simulation::utilization)
                .max()
                .orElse(Double.NaN);
        return new FabModel(
                groups.size(),
                fab.totalTools(),
                product.route().size(),
                euvSteps,
                leastEuv,
                mostOther,
                regularLots,
                meanCycleSeconds / product.rawProcessSeconds(25));
    }

    /** The EUV scanner groups of the default fab ({@code terafab-fab.yaml}'s tool kind euv). */
    private static boolean isEuv(ToolGroup group) {
        return group.name().startsWith("euv-");
    }

    static void fabYear() {
        FabRun run = defaultFabYear();
        double calendar = BareEventLoop.calendarEventsPerSecond(run.pendingEvents(), BASELINE_EVENTS, SEED);
        System.out.printf(
                Locale.ROOT,
                "default Terafab fab, %d wafer starts a month, one simulated year: %d events in %.1f s"
                        + " (%.0f events/s, %.0f simulated days per wall minute), %.0f MB allocated, %d wafers out, conserved %s%n",
                WAFER_STARTS_PER_MONTH,
                run.events(),
                run.wallSeconds(),
                run.eventsPerSecond(),
                run.simDaysPerWallMinute(),
                run.allocatedMegabytes(),
                run.wafersOut(),
                run.conserved());
        run.model().print();
        System.out.printf(
                Locale.ROOT,
                "baseline: the same calendar with %d pending no-op events: %.0f events/s"
                        + " (the fab reaches %.0f %% of it)%n",
                run.pendingEvents(),
                calendar,
                100 * run.eventsPerSecond() / calendar);
        System.out.printf(
                Locale.ROOT,
                "events_per_s=%.0f baseline_events_per_s=%.0f ratio=%.3f sim_days_per_wall_min=%.1f"
                        + " wall_s_per_sim_year=%.1f allocated_mb_per_sim_year=%.1f x_factor_regular=%.2f"
                        + " euv_utilization_min=%.3f other_utilization_max=%.3f%n",
                run.eventsPerSecond(),
                calendar,
                run.eventsPerSecond() / calendar,
                run.simDaysPerWallMinute(),
                run.wallSeconds(),
                run.allocatedMegabytes(),
                run.model().regularXFactor(),
                run.model().leastUtilizedEuv(),
                run.model().mostUtilizedOther());
    }

    static void fab(Path smt2020) {
        FabRun run = defaultFabYear();
        double bare = BareEventLoop.priorityQueueEventsPerSecond(run.pendingEvents(), BASELINE_EVENTS, SEED);
        System.out.printf(
                Locale.ROOT,
                "default Terafab fab, one simulated year: %d events in %.1f s (%.0f events/s,"
                        + " %.0f simulated days per wall minute), %.0f MB allocated%n",
                run.events(),
                run.wallSeconds(),
                run.eventsPerSecond(),
                run.simDaysPerWallMinute(),
                run.allocatedMegabytes());
        run.model().print();
        System.out.printf(
                Locale.ROOT,
                "bare java.util.PriorityQueue hold loop, %d pending events: %.0f events/s"
                        + " (the fab engine reaches %.0f %% of it; other work than the fab's: a new event object per event on a"
                        + " heap of references; fab-year's ratio is the like-for-like one)%n",
                run.pendingEvents(),
                bare,
                100 * run.eventsPerSecond() / bare);
        StringBuilder keys = new StringBuilder(String.format(
                Locale.ROOT,
                "events_per_s=%.0f bare_loop_events_per_s=%.0f sim_days_per_wall_min=%.1f allocated_mb_per_sim_year=%.1f",
                run.eventsPerSecond(),
                bare,
                run.simDaysPerWallMinute(),
                run.allocatedMegabytes()));
        if (smt2020 != null && Files.isRegularFile(smt2020.resolve("tool.txt.1l"))) {
            Smt2020Run.Result hvlm = Smt2020Run.run(smt2020, Smt2020Run.DEFAULT_DAYS, Smt2020Run.SEED);
            System.out.printf(
                    Locale.ROOT,
                    "SMT2020 %s (published mean cycle times: about 68 days for part_3, 39 for" + " part_4):%n",
                    smt2020);
            Smt2020Run.report(hvlm);
            keys.append(String.format(
                    Locale.ROOT, " smt2020_hvlm_sim_days_per_wall_min=%.1f", hvlm.simDaysPerWallMinute()));
            hvlm.cycleTimes()
                    .meanDaysByProduct()
                    .forEach((product, days) ->
                            keys.append(String.format(Locale.ROOT, " smt2020_hvlm_ct_days_%s=%.2f", product, days)));
        } else {
            System.out.println("SMT2020 HV/LM not found at " + smt2020 + ": its figures are left out");
        }
        System.out.println(keys);
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "";
        switch (name) {
            case "fab-year" -> fabYear();
            case "fab" -> fab(args.length > 1 ? Path.of(args[1]) : null);
            default -> {
                System.err.println("usage: FabBench fab-year | fab [SMT2020_HVLM_DIR]");
                System.exit(2);
            }
        }
    }
}
