package io.terafab.chip.domain.carbon;

/**
 * What packaging and final test add to each chip, on top of its die's share of the fab's energy.
 *
 * @param whPerChip energy per chip, watt-hours
 * @param carbonGramsPerChip CO2e per chip, grams
 */
public record PackagingFootprint(double whPerChip, double carbonGramsPerChip) {

    public PackagingFootprint {
        if (!(whPerChip >= 0) || Double.isInfinite(whPerChip)) {
            throw new IllegalArgumentException(
                    "packaging energy per chip must be a finite number >= 0, was " + whPerChip);
        }
        if (!(carbonGramsPerChip >= 0) || Double.isInfinite(carbonGramsPerChip)) {
            throw new IllegalArgumentException(
                    "packaging carbon per chip must be a finite number >= 0, was " + carbonGramsPerChip);
        }
    }
}
