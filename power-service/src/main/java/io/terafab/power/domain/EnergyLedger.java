package io.terafab.power.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Energy, cost and carbon served per load: the campus base load ({@link #BASE_LOAD}) and each
 * consumer. Each interval's cost and carbon of the energy served is split between the loads in
 * proportion to what each was served, since all draw from the same bus. Beside them, what the sources
 * generated and what meter readings of the batteries' charge added to what the batteries hold, so
 * that, to floating-point rounding: {@code generated + remeasured == served to the loads + held in
 * the batteries} ({@link GridBalance#storedInBatteries}).
 */
public final class EnergyLedger {

    /** The name under which the campus base load is accounted. */
    public static final String BASE_LOAD = "campus";

    private final Map<String, LoadTotals> totals = new LinkedHashMap<>();
    private CostAndCarbon generated = CostAndCarbon.ZERO;
    private CostAndCarbon remeasured = CostAndCarbon.ZERO;

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

    /** What the sources generated over an interval: their cost and carbon rates times its length. */
    void generated(double costUsd, double carbonTonnes) {
        generated = generated.plus(costUsd, carbonTonnes);
    }

    /** What a meter reading of a battery's charge changed in what the battery holds (negative if it read less). */
    void remeasured(double costUsd, double carbonTonnes) {
        remeasured = remeasured.plus(costUsd, carbonTonnes);
    }

    /** The cost and carbon of everything the sources generated since the start. */
    public CostAndCarbon generated() {
        return generated;
    }

    /** What meter readings of the batteries' charge added to what they hold since the start. */
    public CostAndCarbon remeasured() {
        return remeasured;
    }

    public LoadTotals of(String load) {
        return totals.getOrDefault(load, LoadTotals.ZERO);
    }

    /** Every load's totals, base load first. */
    public Map<String, LoadTotals> all() {
        return Collections.unmodifiableMap(totals);
    }

    void restore(Map<String, LoadTotals> saved, CostAndCarbon savedGenerated, CostAndCarbon savedRemeasured) {
        totals.replaceAll((load, t) -> saved.getOrDefault(load, LoadTotals.ZERO));
        generated = savedGenerated == null ? CostAndCarbon.ZERO : savedGenerated;
        remeasured = savedRemeasured == null ? CostAndCarbon.ZERO : savedRemeasured;
    }
}
