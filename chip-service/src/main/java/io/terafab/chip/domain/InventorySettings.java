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
 * @param jobRunsPerRack job runs kept per rack, newest first ({@link JobsOnRacks})
 * @param jobRacks racks whose job runs are kept, those run on most recently
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
        int lineageLots,
        int jobRunsPerRack,
        int jobRacks) {

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
        if (jobRunsPerRack < 1 || jobRacks < 1) {
            throw new IllegalArgumentException(
                    "job runs per rack and job racks must be at least 1, were " + jobRunsPerRack + " and " + jobRacks);
        }
    }

    /** The figures before jobs were traced to racks: the job index at its configured defaults (8 runs, 5,000 racks). */
    public InventorySettings(
            double packagingYield,
            double finalTestYield,
            int rackSize,
            Duration installLeadTime,
            double installRacksPerDay,
            Duration reservationTtl,
            Duration backorderTtl,
            Duration rateWindow,
            int lineageLots) {
        this(
                packagingYield,
                finalTestYield,
                rackSize,
                installLeadTime,
                installRacksPerDay,
                reservationTtl,
                backorderTtl,
                rateWindow,
                lineageLots,
                8,
                5_000);
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
