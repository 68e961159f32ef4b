package io.terafab.fab.definition;

import io.terafab.fab.simulation.Distribution;

/**
 * A stream of lot starts.
 *
 * @param name lot names are {@code name-<n>}
 * @param product index of the product
 * @param priority the lots' class
 * @param wafersPerLot wafers in each lot
 * @param firstAtSeconds time of the first release after the start of the run
 * @param interval time between releases
 * @param count how many lots it releases at most
 */
public record LotRelease(
        String name,
        int product,
        LotPriority priority,
        int wafersPerLot,
        double firstAtSeconds,
        Distribution interval,
        long count) {

    public LotRelease {
        if (name == null || name.isBlank() || priority == null || interval == null) {
            throw new IllegalArgumentException("release needs a name, a priority and an interval");
        }
        if (product < 0 || wafersPerLot <= 0 || count < 0 || !(firstAtSeconds >= 0)) {
            throw new IllegalArgumentException("release " + name + ": product, wafers, count and start must be valid");
        }
        if (!(interval.mean() > 0)) {
            throw new IllegalArgumentException("release " + name + ": interval must have a mean > 0");
        }
    }
}
