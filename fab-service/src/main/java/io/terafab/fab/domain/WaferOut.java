package io.terafab.fab.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A lot that left the line good.
 *
 * @param lotId the lot
 * @param product the product it was started as
 * @param priority its class: regular, hot or superhot
 * @param wafers wafers in the lot
 * @param goodDiesByBin good dies per speed bin, bins in the configured order
 * @param startedAt simulated release time
 * @param finishedAt simulated time it left the last step
 * @param energyWh the fab's energy booked to it (see {@link io.terafab.fab.domain.carbon.LotEnergyLedger})
 * @param carbonGrams the carbon of that energy settled while it was in the line
 */
public record WaferOut(
        String lotId,
        String product,
        String priority,
        int wafers,
        Map<String, Integer> goodDiesByBin,
        Instant startedAt,
        Instant finishedAt,
        long energyWh,
        long carbonGrams) {

    public Duration cycleTime() {
        return Duration.between(startedAt, finishedAt);
    }
}
