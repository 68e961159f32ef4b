package io.terafab.fab.batch;

import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.Product;
import io.terafab.fab.simulation.CycleTimeStatistics;
import io.terafab.fab.simulation.FabSimulation;
import io.terafab.fab.smt2020.Smt2020Importer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a fab in the SMT2020 format for a number of simulated days and reports mean cycle time per
 * product and lot class, with the x-factor (cycle time over raw process time).
 */
public final class Smt2020Run {

    /** SMT2020 studies run two simulated years. */
    static final double DEFAULT_DAYS = 730;

    static final long SEED = 1;

    /** What a run reached. */
    public record Result(
            FabDefinition fab,
            double days,
            CycleTimeStatistics cycleTimes,
            long events,
            double wallSeconds,
            boolean conserved,
            long wafersOut) {

        public double simDaysPerWallMinute() {
            return days / (wallSeconds / 60);
        }
    }

    public static Result run(Path folder, double days, long seed) {
        FabDefinition fab = Smt2020Importer.read(folder);
        FabSimulation simulation = new FabSimulation(fab, 0, seed);
        CycleTimeStatistics cycleTimes = new CycleTimeStatistics(0);
        simulation.onFinished(cycleTimes);
        long start = System.nanoTime();
        simulation.runUntil(days * 86_400);
        double wall = (System.nanoTime() - start) / 1e9;
        return new Result(
                fab,
                days,
                cycleTimes,
                simulation.totals().eventsProcessed(),
                wall,
                simulation.conserved(),
                simulation.totals().wafersOut());
    }

    /** Prints the report; the last line is the benchmark's key=value line. */
    public static void print(Result r) {
        System.out.println(report(r));
    }

    /** Prints the report but its key=value line, and returns that line. */
    static String report(Result r) {
        System.out.printf(
                Locale.ROOT,
                "%s: %d tool groups, %d tools, %d products, %.0f simulated days%n",
                r.fab().name(),
                r.fab().toolGroups().size(),
                r.fab().totalTools(),
                r.fab().products().size(),
                r.days());
        StringBuilder keys = new StringBuilder();
        Map<String, Double> byProduct = r.cycleTimes().meanDaysByProduct();
        for (Product product : r.fab().products()) {
            Double ct = byProduct.get(product.name());
            double raw = product.rawProcessSeconds(25) / 86_400;
            System.out.printf(
                    Locale.ROOT,
                    "  %-10s %4d steps %6d lots  mean cycle time %7.2f days  raw process time %6.2f days"
                            + "  x-factor %.2f%n",
                    product.name(),
                    product.route().size(),
                    r.cycleTimes().lotsByProduct().getOrDefault(product.name(), 0L),
                    ct == null ? Double.NaN : ct,
                    raw,
                    ct == null ? Double.NaN : ct / raw);
            keys.append(String.format(Locale.ROOT, "ct_days_%s=%.2f ", product.name(), ct == null ? Double.NaN : ct));
        }
        Map<String, Double> byClass = r.cycleTimes().meanDaysByClass();
        for (String lotClass : new String[] {"regular", "hot", "superhot"}) {
            Double ct = byClass.get(lotClass);
            System.out.printf(
                    Locale.ROOT, "  %-10s mean cycle time %7.2f days%n", lotClass, ct == null ? Double.NaN : ct);
            keys.append(String.format(Locale.ROOT, "ct_days_%s=%.2f ", lotClass, ct == null ? Double.NaN : ct));
        }
        System.out.printf(
                Locale.ROOT,
                "  %d events in %.1f s wall (%.0f events/s, %.0f simulated days per wall minute); wafers conserved: %s%n",
                r.events(),
                r.wallSeconds(),
                r.events() / r.wallSeconds(),
                r.simDaysPerWallMinute(),
                r.conserved());
        keys.append(String.format(
                Locale.ROOT,
                "lots=%d wafers_out=%d events=%d sim_days_per_wall_min=%.1f conserved=%s",
                r.cycleTimes().lots(),
                r.wafersOut(),
                r.events(),
                r.simDaysPerWallMinute(),
                r.conserved()));
        return keys.toString();
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: Smt2020Run DIR [DAYS]");
            System.exit(2);
        }
        double days = args.length > 1 ? Double.parseDouble(args[1]) : DEFAULT_DAYS;
        print(run(Path.of(args[0]), days, SEED));
    }
}
