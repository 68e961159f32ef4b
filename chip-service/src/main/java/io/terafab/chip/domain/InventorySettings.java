package io.terafab.chip.domain;

import java.time.Duration;

/**
 * The figures of the inventory model; the service's configuration documents each default.
 *
 * @param packagingYield share of good dies that survive packaging
 * @param finalTestYield share of packaged chips that pass final test
 * @param rackSize accelerators per rack
 * @param installLeadTime from reservation until the chips can be installed
 * @param installRacksPerDay racks the install crews fill per simulated day
 * @param reservationTtl a reservation not installed this long after it was made expires
 * @param backorderTtl a backorder not filled this long after its request arrived is given up
 * @param rateWindow trailing window of the production and usage rates
 * @param lineageLots lots whose batches are tracked one by one; older lots' batches are folded
 *     into an untracked aggregate per SKU, which keeps memory and snapshots bounded
 */
public record InventorySettings(
        double packagingYield,
        double finalTestYield,
        int rackSize,
        Duration installLeadTime,
        double installRacksPerDay,
        Duration reservationTtl,
        Duration backorderTtl,
        Duration rateWindow,
        int lineageLots) {

    public InventorySettings {
        requireShare(packagingYield, "packaging yield");
        requireShare(finalTestYield, "final test yield");
        if (rackSize < 1) {
            throw new IllegalArgumentException("rack size must be at least 1, was " + rackSize);
        }
        if (installLeadTime == null || installLeadTime.isNegative()) {
            throw new IllegalArgumentException("install lead time must be >= 0, was " + installLeadTime);
        }
        if (!(installRacksPerDay > 0) || Double.isInfinite(installRacksPerDay)) {
            throw new IllegalArgumentException("racks installed per day must be > 0, was " + installRacksPerDay);
        }
        if (reservationTtl == null || reservationTtl.compareTo(installLeadTime) <= 0) {
            throw new IllegalArgumentException("reservation TTL (" + reservationTtl
                    + ") must be longer than the install lead time (" + installLeadTime + ")");
        }
        if (backorderTtl == null || backorderTtl.isNegative() || backorderTtl.isZero()) {
            throw new IllegalArgumentException("backorder TTL must be > 0, was " + backorderTtl);
        }
        if (rateWindow == null || rateWindow.toHours() < 1) {
            throw new IllegalArgumentException("rate window must be at least 1h, was " + rateWindow);
        }
        if (lineageLots < 1) {
            throw new IllegalArgumentException("lineage lots must be at least 1, was " + lineageLots);
        }
    }

    private static void requireShare(double value, String name) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], was " + value);
        }
    }

    /** Accelerators the crews install per simulated second. */
    double installsPerSecond() {
        return installRacksPerDay * rackSize / 86_400.0;
    }
}
