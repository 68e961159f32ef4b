package io.terafab.power.domain;

/**
 * An on-site gas turbine.
 *
 * @param id the asset id ({@code gt-1}, ...)
 * @param capacityMw the most it generates
 * @param minStableLoadMw the least it generates while running; it is either off or at least this
 * @param rampMwPerMinute how fast its output may move while running, up or down
 * @param costPerMwh marginal cost (fuel and variable upkeep), US$/MWh
 * @param carbonTonnesPerMwh emissions, t CO2/MWh
 */
public record GasTurbineSpec(
        String id,
        double capacityMw,
        double minStableLoadMw,
        double rampMwPerMinute,
        double costPerMwh,
        double carbonTonnesPerMwh) {

    public GasTurbineSpec {
        Figures.requireId(id, "gas turbine");
        Figures.requirePositive(capacityMw, id + " capacity");
        Figures.requireNonNegative(minStableLoadMw, id + " minimum stable load");
        if (minStableLoadMw > capacityMw) {
            throw new IllegalArgumentException(
                    id + " minimum stable load " + minStableLoadMw + " MW is above its capacity " + capacityMw + " MW");
        }
        Figures.requirePositive(rampMwPerMinute, id + " ramp rate");
        Figures.requireNonNegative(costPerMwh, id + " cost");
        Figures.requireNonNegative(carbonTonnesPerMwh, id + " carbon intensity");
    }

    /** How far the output may move in {@code seconds} of running. */
    public double rampWithin(double seconds) {
        return rampMwPerMinute * seconds / 60;
    }
}
