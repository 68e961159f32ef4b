package io.terafab.power.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the grid needs to resume, as plain data for snapshots. A field missing from an older
 * snapshot (null) restores as the configured start.
 *
 * @param importCapMw the import cap in force (operators and meters may have changed the configured one)
 * @param consumers each consumer's latest reading
 * @param ticks dispatches issued so far
 * @param lastTickAt simulated time of the latest tick, or null before the first
 * @param gasOutputsMw each turbine's output at the latest tick
 * @param batteries each battery's stored energy and what it cost
 * @param solarMeasured each solar plant's latest measured output, where there is one
 * @param openBreakers assets whose breaker a meter reported open
 * @param pendingReadings meter readings accepted, not yet due
 * @param latestReadingAt per asset and quantity, the time of the latest reading accepted
 * @param recentReadings the latest readings applied
 * @param ledger energy, cost and carbon served per load
 * @param generated the cost and carbon of what the sources generated since the start; in snapshots of
 *     model version 1, which had none, the migration of {@code PowerTwin} sets it to what the loads were
 *     served plus what the batteries hold (the sum it equals)
 * @param remeasured what meter readings of the batteries' charge added to what they hold; zero in
 *     snapshots of model version 1 (folded into {@code generated})
 */
public record GridState(
        double importCapMw,
        Map<String, ConsumerLoad.ConsumerLoadState> consumers,
        long ticks,
        Instant lastTickAt,
        Map<String, Double> gasOutputsMw,
        Map<String, StoredEnergy> batteries,
        Map<String, MeasuredOutput> solarMeasured,
        List<String> openBreakers,
        List<MeterReading> pendingReadings,
        Map<String, Instant> latestReadingAt,
        List<AppliedReading> recentReadings,
        Map<String, LoadTotals> ledger,
        CostAndCarbon generated,
        CostAndCarbon remeasured) {

    /**
     * A battery's stored energy and what it cost when it was charged.
     *
     * @param energyMwh stored energy
     * @param costUsd its cost
     * @param carbonTonnes its emissions
     */
    public record StoredEnergy(double energyMwh, double costUsd, double carbonTonnes) {}
}
