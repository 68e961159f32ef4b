package io.terafab.fab.domain;

import io.terafab.fab.domain.carbon.LotEnergyLedger;
import io.terafab.fab.simulation.SimulationState;
import java.time.Instant;
import java.util.Map;

/**
 * Everything a {@link LiveFab} needs to resume, as plain data for snapshots. The fab's definition
 * and settings are not part of it: they come from configuration at every start.
 *
 * @param origin the instant the run started; {@code null} if never started
 * @param budget the last power budget, {@code null} before the first
 * @param cycleTimeSecondsOfLotsOut sum of the cycle times of the lots out, for their mean
 * @param lotsOutTimed lots in that sum
 * @param simulation the discrete-event run
 * @param lastToolReportAt per tool id, the time of the latest telemetry applied; {@code null} in
 *     snapshots from before telemetry was ordered
 * @param energy the energy and carbon booked to lots; {@code null} in snapshots from before it was kept
 *     (the ledger then starts empty)
 */
public record LiveFabState(
        Instant origin,
        PowerBudget budget,
        double cycleTimeSecondsOfLotsOut,
        long lotsOutTimed,
        SimulationState simulation,
        Map<String, Instant> lastToolReportAt,
        LotEnergyLedger.State energy) {

    /** A state without the energy ledger, as snapshots before it had it. */
    public LiveFabState(
            Instant origin,
            PowerBudget budget,
            double cycleTimeSecondsOfLotsOut,
            long lotsOutTimed,
            SimulationState simulation,
            Map<String, Instant> lastToolReportAt) {
        this(origin, budget, cycleTimeSecondsOfLotsOut, lotsOutTimed, simulation, lastToolReportAt, null);
    }
}
