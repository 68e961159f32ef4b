package io.terafab.power.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Energy, cost and carbon served per load: the campus base load ({@link #BASE_LOAD}) and each
 * consumer. Each interval's cost and carbon of the energy served is split between the loads in
 * proportion to what each was served, since all draw from the same bus.
 */
public final class EnergyLedger {

    /** The name under which the campus base load is accounted. */
    public static final String BASE_LOAD = "campus";

    private final Map<String, LoadTotals> totals = new LinkedHashMap<>();

    EnergyLedger(List<String> consumers) {
        totals.put(BASE_LOAD, LoadTotals.ZERO);
        consumers.forEach(c -> totals.put(c, LoadTotals.ZERO));
    }

    /**
     * Books an interval.
     *
     * @param servedMw what each load was served, by name
     * @param intervalHours the interval's length
     * @param costUsd the cost of all energy served over it
     * @param carbonTonnes the emissions of all energy served over it
     */
    void book(Map<String, Double> servedMw, double intervalHours, double costUsd, double carbonTonnes) {
        double total =
                servedMw.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0 || intervalHours <= 0) {
            return;
        }
        servedMw.forEach((load, mw) -> {
            double share = mw / total;
            totals.computeIfPresent(load, (k, t) -> t.plus(mw * intervalHours, costUsd * share, carbonTonnes * share));
        });
    }

    public LoadTotals of(String load) {
        return totals.getOrDefault(load, LoadTotals.ZERO);
    }

    /** Every load's totals, base load first. */
    public Map<String, LoadTotals> all() {
        return Collections.unmodifiableMap(totals);
    }

    void restore(Map<String, LoadTotals> saved) {
        totals.replaceAll((load, t) -> saved.getOrDefault(load, LoadTotals.ZERO));
    }
}
