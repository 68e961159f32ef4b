package io.terafab.power.domain;

import io.terafab.contract.Shares;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one dispatch interval booked to each load, in whole units, with the interval's price and
 * carbon intensity: the figures power-service hands each consumer with its next budget, so the fab
 * can book them to lots and the scheduler to jobs.
 *
 * <p>Each figure is the step of the load's running total in the {@link EnergyLedger} (watt-hours,
 * grams of CO2e, milli-dollars) rounded ({@link Shares#step}): the steps of consecutive intervals add
 * up to the ledger's total, rounded, so a consumer that adds up what it was handed agrees with the
 * grid to the unit, however long the twin runs.
 *
 * @param from the previous dispatch
 * @param to this dispatch
 * @param gramsPerKwh carbon intensity of the energy served over the interval (every load draws from one bus)
 * @param usdPerMwh its price
 * @param byLoad each load's booking, by name (base load included)
 */
public record IntervalSettlement(
        Instant from, Instant to, double gramsPerKwh, double usdPerMwh, Map<String, Booking> byLoad) {

    static final double WH_PER_MWH = 1e6;
    static final double GRAMS_PER_TONNE = 1e6;
    static final double MILLI_USD_PER_USD = 1e3;

    /**
     * One load's interval.
     *
     * @param energyWh energy served
     * @param carbonGrams its CO2e
     * @param costMilliUsd its cost
     */
    public record Booking(long energyWh, long carbonGrams, long costMilliUsd) {}

    /** The settlement between two states of the ledger, {@code before} and {@code after} one interval. */
    static IntervalSettlement between(
            Instant from, Instant to, Map<String, LoadTotals> before, Map<String, LoadTotals> after) {
        Map<String, Booking> byLoad = new LinkedHashMap<>();
        double energyMwh = 0;
        double carbonTonnes = 0;
        double costUsd = 0;
        for (Map.Entry<String, LoadTotals> e : after.entrySet()) {
            LoadTotals b = before.getOrDefault(e.getKey(), LoadTotals.ZERO);
            LoadTotals a = e.getValue();
            energyMwh += a.energyMwh() - b.energyMwh();
            carbonTonnes += a.carbonTonnes() - b.carbonTonnes();
            costUsd += a.costUsd() - b.costUsd();
            byLoad.put(
                    e.getKey(),
                    new Booking(
                            Shares.step(b.energyMwh() * WH_PER_MWH, a.energyMwh() * WH_PER_MWH),
                            Shares.step(b.carbonTonnes() * GRAMS_PER_TONNE, a.carbonTonnes() * GRAMS_PER_TONNE),
                            Shares.step(b.costUsd() * MILLI_USD_PER_USD, a.costUsd() * MILLI_USD_PER_USD)));
        }
        // t/MWh = kg/kWh; g/kWh = 1000 x that
        double gramsPerKwh = energyMwh > 0 ? Math.max(0, carbonTonnes / energyMwh * 1e3) : 0;
        double usdPerMwh = energyMwh > 0 ? Math.max(0, costUsd / energyMwh) : 0;
        return new IntervalSettlement(from, to, gramsPerKwh, usdPerMwh, byLoad);
    }

    /** A load's booking; nothing for a load the grid does not know. */
    public Booking of(String load) {
        return byLoad.getOrDefault(load, new Booking(0, 0, 0));
    }
}
