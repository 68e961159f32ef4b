package io.terafab.fab.batch;

import com.sun.management.ThreadMXBean;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.TerafabFab;
import io.terafab.fab.simulation.FabSimulation;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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
 * Both count the bytes the year allocates (the simulation runs on this thread alone). Each ends
 * with one line of key=value figures.
 */
public final class FabBench {

    static final long SEED = 42;
    static final double YEAR_DAYS = 365;
    static final int WAFER_STARTS_PER_MONTH = 100_000;
    /** Events each baseline loop runs: long enough to be warm, short enough to take a few seconds. */
    static final long BASELINE_EVENTS = 30_000_000;
    /** Counts the bytes a thread allocates (HotSpot's extension of the standard bean). */
    private static final ThreadMXBean THREADS = threads();

    private FabBench() {
    }

    private static ThreadMXBean threads() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!threads.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not count the bytes a thread allocates");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        return threads;
    }

    record FabRun(long events, double wallSeconds, int pendingEvents, boolean conserved, long wafersOut,
            long allocatedBytes) {

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

    static FabRun defaultFabYear() {
        FabDefinition fab = TerafabFab.build(TerafabFab.template(), "TFA-1", WAFER_STARTS_PER_MONTH, true);
        FabSimulation simulation = new FabSimulation(fab, 0.01, SEED);
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        simulation.runUntil(YEAR_DAYS * 86_400);
        double wall = (System.nanoTime() - start) / 1e9;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        return new FabRun(simulation.eventsProcessed(), wall, simulation.pendingEvents(), simulation.conserved(),
                simulation.wafersOut(), allocated);
    }

    static void fabYear() {
        FabRun run = defaultFabYear();
        double calendar = BareEventLoop.calendarEventsPerSecond(run.pendingEvents(), BASELINE_EVENTS, SEED);
        System.out.printf(Locale.ROOT, "default Terafab fab, %d wafer starts a month, one simulated year: %d events in %.1f s"
                + " (%.0f events/s, %.0f simulated days per wall minute), %.0f MB allocated, %d wafers out, conserved %s%n",
                WAFER_STARTS_PER_MONTH, run.events(), run.wallSeconds(), run.eventsPerSecond(), run.simDaysPerWallMinute(),
                run.allocatedMegabytes(), run.wafersOut(), run.conserved());
        System.out.printf(Locale.ROOT, "baseline: the same calendar with %d pending no-op events: %.0f events/s"
                + " (the fab reaches %.0f %% of it)%n", run.pendingEvents(), calendar, 100 * run.eventsPerSecond() / calendar);
        System.out.printf(Locale.ROOT, "events_per_s=%.0f baseline_events_per_s=%.0f ratio=%.3f sim_days_per_wall_min=%.1f"
                + " wall_s_per_sim_year=%.1f allocated_mb_per_sim_year=%.1f%n", run.eventsPerSecond(), calendar,
                run.eventsPerSecond() / calendar, run.simDaysPerWallMinute(), run.wallSeconds(), run.allocatedMegabytes());
    }

    static void fab(Path smt2020) {
        FabRun run = defaultFabYear();
        double bare = BareEventLoop.priorityQueueEventsPerSecond(run.pendingEvents(), BASELINE_EVENTS, SEED);
        System.out.printf(Locale.ROOT, "default Terafab fab, one simulated year: %d events in %.1f s (%.0f events/s,"
                + " %.0f simulated days per wall minute), %.0f MB allocated%n", run.events(), run.wallSeconds(),
                run.eventsPerSecond(), run.simDaysPerWallMinute(), run.allocatedMegabytes());
        System.out.printf(Locale.ROOT, "bare java.util.PriorityQueue hold loop, %d pending events: %.0f events/s"
                + " (the fab engine reaches %.0f %% of it; other work than the fab's: a new event object per event on a"
                + " heap of references; fab-year's ratio is the like-for-like one)%n", run.pendingEvents(), bare,
                100 * run.eventsPerSecond() / bare);
        StringBuilder keys = new StringBuilder(String.format(Locale.ROOT,
                "events_per_s=%.0f bare_loop_events_per_s=%.0f sim_days_per_wall_min=%.1f allocated_mb_per_sim_year=%.1f",
                run.eventsPerSecond(), bare, run.simDaysPerWallMinute(), run.allocatedMegabytes()));
        if (smt2020 != null && Files.isRegularFile(smt2020.resolve("tool.txt.1l"))) {
            Smt2020Run.Result hvlm = Smt2020Run.run(smt2020, Smt2020Run.DEFAULT_DAYS, Smt2020Run.SEED);
            System.out.printf(Locale.ROOT, "SMT2020 %s, %.0f simulated days: %.1f s wall; mean cycle time %s days"
                    + " (published: about 68 and 39)%n", smt2020, hvlm.days(), hvlm.wallSeconds(),
                    hvlm.cycleTimes().meanDaysByProduct());
            keys.append(String.format(Locale.ROOT, " smt2020_hvlm_sim_days_per_wall_min=%.1f",
                    hvlm.simDaysPerWallMinute()));
            hvlm.cycleTimes().meanDaysByProduct().forEach((product, days) ->
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
