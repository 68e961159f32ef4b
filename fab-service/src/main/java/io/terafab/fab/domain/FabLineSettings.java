package io.terafab.fab.domain;

import java.time.Duration;
import java.util.List;

/**
 * The figures of a fab line. Defaults, and where they come from, are in the service's
 * {@code FabConfig}; this record only checks that the values make sense together.
 *
 * @param product the product every lot is started as
 * @param bins speed bins after wafer sort, best first
 * @param binShares share of good dies per bin, in the order of {@code bins}, summing to 1
 * @param waferStartsPerMonth wafers released per mean Gregorian month ({@link #MEAN_MONTH})
 * @param wafersPerLot wafers in one lot (a FOUP holds 25)
 * @param cycleTime time a lot takes from release to wafer-out at full speed, at least one hour
 * @param grossDiesPerWafer die sites per wafer
 * @param dieYield share of die sites that are good at wafer sort
 * @param lineScrapRate share of lots scrapped when they reach the end of the line
 * @param fullPowerMw the line's power demand at steady-state work in process
 * @param idlePowerShare share of full power drawn with no work in process (cleanrooms, abatement, utilities)
 * @param maxStep longest simulated step; longer gaps (after a restart) are advanced in steps of this size
 * @param seed seed of the scrap decisions
 */
public record FabLineSettings(String product, List<String> bins, List<Double> binShares, int waferStartsPerMonth,
        int wafersPerLot, Duration cycleTime, int grossDiesPerWafer, double dieYield, double lineScrapRate,
        double fullPowerMw, double idlePowerShare, Duration maxStep, long seed) {

    /** A mean Gregorian month (365.2425 / 12 days): the unit of the start rate. */
    public static final Duration MEAN_MONTH = Duration.ofSeconds(2_629_746);

    private static final double SHARES_TOLERANCE = 1e-9;

    public FabLineSettings {
        if (product == null || product.isBlank()) {
            throw new IllegalArgumentException("product is required");
        }
        bins = List.copyOf(bins);
        binShares = List.copyOf(binShares);
        if (bins.isEmpty() || bins.size() != binShares.size()) {
            throw new IllegalArgumentException("need one share per bin, got bins " + bins + " and shares " + binShares);
        }
        if (bins.stream().distinct().count() != bins.size()) {
            throw new IllegalArgumentException("bins must be distinct, were " + bins);
        }
        if (binShares.stream().anyMatch(s -> !(s >= 0 && s <= 1))) {
            throw new IllegalArgumentException("bin shares must be in [0, 1], were " + binShares);
        }
        double sum = binShares.stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(sum - 1) > SHARES_TOLERANCE) {
            throw new IllegalArgumentException("bin shares must sum to 1, sum to " + sum);
        }
        positive(waferStartsPerMonth, "wafer starts per month");
        positive(wafersPerLot, "wafers per lot");
        positive(grossDiesPerWafer, "gross dies per wafer");
        if (cycleTime == null || cycleTime.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("cycle time must be at least one hour, was " + cycleTime);
        }
        if (maxStep == null || maxStep.isNegative() || maxStep.isZero() || maxStep.compareTo(cycleTime) > 0) {
            // a lot released within a step must not also finish within it
            throw new IllegalArgumentException("max step must be in (0, cycle time], was " + maxStep);
        }
        share(dieYield, "die yield");
        share(lineScrapRate, "line scrap rate");
        if (!(idlePowerShare >= 0 && idlePowerShare < 1)) {
            throw new IllegalArgumentException("idle power share must be in [0, 1), was " + idlePowerShare);
        }
        if (!(fullPowerMw > 0) || Double.isInfinite(fullPowerMw)) {
            throw new IllegalArgumentException("full power must be a finite number > 0 MW, was " + fullPowerMw);
        }
    }

    /** Wafers released per simulated second. */
    public double startRatePerSecond() {
        return waferStartsPerMonth / (double) MEAN_MONTH.toSeconds();
    }

    /** Wafers in process when the line runs at its start rate and full speed (Little's law: rate × cycle time). */
    public double steadyStateWipWafers() {
        return startRatePerSecond() * cycleTimeSeconds();
    }

    public double cycleTimeSeconds() {
        return cycleTime.toNanos() / 1e9;
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    private static void share(double value, String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + value);
        }
    }
}
