package io.terafab.fab.simulation;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Mean cycle time per product and per lot class of the lots released during a run (lots already in
 * the fab at its start are left out: part of their cycle time is before the run).
 */
public final class CycleTimeStatistics implements Consumer<FinishedLot> {

    private final Map<String, double[]> byProduct = new TreeMap<>();
    private final Map<String, double[]> byClass = new TreeMap<>();
    private final double releasedFrom;
    private long lots;

    /** @param releasedFrom only lots released at or after this time count (a warm-up to leave out) */
    public CycleTimeStatistics(double releasedFrom) {
        this.releasedFrom = releasedFrom;
    }

    @Override
    public void accept(FinishedLot lot) {
        if (lot.initialWip() || lot.scrapped() || lot.startedAt() < releasedFrom) {
            return;
        }
        lots++;
        add(byProduct, lot.product(), lot.cycleTimeSeconds());
        add(byClass, lot.priority().key(), lot.cycleTimeSeconds());
    }

    private static void add(Map<String, double[]> sums, String key, double seconds) {
        double[] sum = sums.computeIfAbsent(key, k -> new double[2]);
        sum[0] += seconds;
        sum[1]++;
    }

    public long lots() {
        return lots;
    }

    /** Mean cycle time, days, per product name. */
    public Map<String, Double> meanDaysByProduct() {
        return means(byProduct);
    }

    /** Mean cycle time, days, per lot class key ({@code regular}, {@code hot}, {@code superhot}). */
    public Map<String, Double> meanDaysByClass() {
        return means(byClass);
    }

    /** Lots counted per product name. */
    public Map<String, Long> lotsByProduct() {
        Map<String, Long> counts = new TreeMap<>();
        byProduct.forEach((k, v) -> counts.put(k, (long) v[1]));
        return counts;
    }

    private static Map<String, Double> means(Map<String, double[]> sums) {
        Map<String, Double> means = new TreeMap<>();
        sums.forEach((k, v) -> means.put(k, v[0] / v[1] / 86_400));
        return means;
    }
}
