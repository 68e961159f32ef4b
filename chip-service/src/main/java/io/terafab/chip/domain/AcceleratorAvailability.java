package io.terafab.chip.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accelerators available to new capacity requests by the end of each week ahead, per SKU and for
 * any SKU, at the fab forecast's P10, P50 and P90.
 *
 * <p>The rule, for SKU {@code s}, week {@code w} and percentile {@code q}:
 *
 * <pre>
 *   available(s, w, q) = max(0, inStock(s) − backordered(s)
 *                               + floor(packagingYield × finalTestYield × Σ_{weeks v ≤ w} share(v) × dies(s, v, q)))
 *   available(any, w, q) = max(0, Σ_s [inStock(s) − backordered(s)] − backordered(any)
 *                                 + Σ_s floor(…the same forecast chips…))
 * </pre>
 *
 * <ul>
 *   <li>{@code inStock} are chips free to reserve now. Reserved chips are not subtracted again:
 *       they already left the stock ({@code produced = inStock + reserved + installed + …}).
 *   <li>{@code backordered} are accelerators already requested that no stock could fill: they
 *       take the first chips made, so they come off what later requests can have. Backorders for
 *       any SKU come off the any-SKU figure only (which SKU fills them is not known yet).
 *   <li>The chip-to-accelerator rule is the inventory's own ({@link ChipInventory#recordWaferOut}):
 *       one good die becomes one chip after packaging ({@code packagingYield}) and final test
 *       ({@code finalTestYield}), one chip is one accelerator. The forecast's dies are converted
 *       cumulatively and rounded down once, so the figure may exceed what lot-by-lot rounding
 *       gives by less than one chip per lot.
 *   <li>{@code share(v)} is the part of week {@code v} still to come at {@code at}: 1 for a week
 *       ahead, less for the week in progress (its wafer-outs so far are already stock), and weeks
 *       over by {@code at} are left out. Wafer-outs become chips at once; install lead times are
 *       not counted (a figure is chips that can be reserved, not accelerators in racks).
 *   <li>Percentiles are carried through week by week: the P10 figure sums the weeks' P10 dies.
 *       This keeps {@code P10 ≤ P50 ≤ P90} and every figure non-decreasing over the weeks; the sum
 *       of weekly P10s is below the P10 of the total, so the band is wider than the total's.
 * </ul>
 *
 * @param fab the forecast's fab
 * @param forecastFrom start of the forecast's week 1
 * @param at the instant of the stock the figures start from
 * @param weeks weeks not over at {@code at}, in order
 */
public record AcceleratorAvailability(String fab, Instant forecastFrom, Instant at, List<Week> weeks) {

    /** Rounding guard, as the inventory's: 0.98 × 50 must be 49 chips, not 48.99999. */
    private static final double EPSILON = 1e-9;

    public AcceleratorAvailability {
        weeks = List.copyOf(weeks);
    }

    /** Accelerators available by {@code weekTo}, of any SKU and per SKU. */
    public record Week(int week, Instant weekTo, Band accelerators, Map<String, Band> bySku) {

        public Week {
            bySku = java.util.Collections.unmodifiableMap(new TreeMap<>(bySku));
        }
    }

    /** Accelerators at the forecast's P10, P50 and P90. */
    public record Band(long p10, long p50, long p90) {}

    /**
     * The availability from the stock and backorders now and the forecast.
     *
     * @param inStock chips free to reserve, per SKU
     * @param backordered accelerators backordered per SKU, {@link CapacityRequest#ANY_SKU} for any
     * @param chipsPerDie packaging yield × final test yield
     */
    public static AcceleratorAvailability of(
            SupplyForecast forecast,
            Map<String, Long> inStock,
            Map<String, Long> backordered,
            double chipsPerDie,
            Instant at) {
        if (!(chipsPerDie > 0 && chipsPerDie <= 1)) {
            throw new IllegalArgumentException("chips per die must be in (0, 1], was " + chipsPerDie);
        }
        Map<String, Long> net = new TreeMap<>();
        inStock.forEach((sku, n) -> net.put(sku, n - backordered.getOrDefault(sku, 0L)));
        long netAny = net.values().stream().mapToLong(Long::longValue).sum()
                - backordered.getOrDefault(CapacityRequest.ANY_SKU, 0L);

        Map<String, double[]> dies = new TreeMap<>(); // cumulative dies per SKU: p10, p50, p90
        net.keySet().forEach(sku -> dies.put(sku, new double[3]));
        List<Week> weeks = new ArrayList<>();
        for (SupplyForecast.Week week : forecast.weeks()) {
            double share = share(week, at);
            if (share <= 0) {
                continue;
            }
            week.goodDiesBySku().forEach((sku, d) -> {
                double[] sum = dies.computeIfAbsent(sku, s -> new double[3]);
                sum[0] += share * d.p10();
                sum[1] += share * d.p50();
                sum[2] += share * d.p90();
            });
            Map<String, Band> bySku = new LinkedHashMap<>();
            long[] any = {netAny, netAny, netAny};
            dies.forEach((sku, sum) -> {
                long base = net.getOrDefault(sku, 0L);
                long[] chips = new long[3];
                for (int q = 0; q < 3; q++) {
                    chips[q] = (long) Math.floor(sum[q] * chipsPerDie + EPSILON);
                    any[q] += chips[q];
                }
                bySku.put(
                        sku,
                        new Band(
                                Math.max(0, base + chips[0]),
                                Math.max(0, base + chips[1]),
                                Math.max(0, base + chips[2])));
            });
            weeks.add(new Week(
                    week.week(),
                    week.weekTo(),
                    new Band(Math.max(0, any[0]), Math.max(0, any[1]), Math.max(0, any[2])),
                    bySku));
        }
        return new AcceleratorAvailability(forecast.fab(), forecast.from(), at, weeks);
    }

    /** The part of the week still to come at {@code at}: 1 ahead, 0 over. */
    private static double share(SupplyForecast.Week week, Instant at) {
        if (!week.weekTo().isAfter(at)) {
            return 0;
        }
        if (!week.weekFrom().isBefore(at)) {
            return 1;
        }
        double length = Duration.between(week.weekFrom(), week.weekTo()).toMillis();
        return length <= 0 ? 0 : Duration.between(at, week.weekTo()).toMillis() / length;
    }
}
