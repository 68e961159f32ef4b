package io.terafab.fab.domain;

import java.time.Instant;
import java.util.List;

/**
 * Everything a {@link FabLine} needs to resume, as plain data for snapshots. The settings are not
 * part of it: they come from configuration at every start.
 *
 * @param now simulated time the line has been advanced to; {@code null} if never started
 * @param lots lots in process, most advanced first
 * @param nextLotNumber number of the next lot released
 * @param releaseCarryWafers wafers of the start rate accrued towards the next lot
 * @param wafersStarted wafers released since the line first started
 * @param wafersOut wafers that left the line good
 * @param wafersScrapped wafers scrapped at the end of the line
 * @param lotsOut lots that left the line good
 * @param lotsScrapped lots scrapped at the end of the line
 * @param cycleTimeSecondsOfLotsOut sum of the cycle times of the lots out, for their mean
 * @param budget the last power budget, {@code null} before the first
 */
public record FabState(Instant now, List<LotProgress> lots, long nextLotNumber, double releaseCarryWafers,
        long wafersStarted, long wafersOut, long wafersScrapped, long lotsOut, long lotsScrapped,
        double cycleTimeSecondsOfLotsOut, PowerBudget budget) {

    public FabState {
        lots = List.copyOf(lots);
    }
}
