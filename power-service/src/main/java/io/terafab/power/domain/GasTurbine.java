package io.terafab.power.domain;

/**
 * A gas turbine as it runs: off (0 MW) or between its minimum stable load and its capacity.
 * While running its output moves by at most its ramp rate; starting takes it to its minimum stable
 * load at once, or higher if the ramp allows within the interval (the start sequence itself is not
 * modelled); it may stop from any output, as a unit trip or a controlled shutdown would.
 */
final class GasTurbine {

    private final GasTurbineSpec spec;
    private double outputMw;

    GasTurbine(GasTurbineSpec spec) {
        this.spec = spec;
    }

    GasTurbineSpec spec() {
        return spec;
    }

    double outputMw() {
        return outputMw;
    }

    boolean running() {
        return outputMw > 0;
    }

    /** What it can deliver after {@code intervalSeconds}, 0 when its breaker is open. */
    SourceOffer offer(double intervalSeconds, boolean breakerOpen) {
        double floor;
        double ceiling;
        double ramp = spec.rampWithin(intervalSeconds);
        if (running()) {
            floor = Math.max(spec.minStableLoadMw(), outputMw - ramp);
            ceiling = Math.min(spec.capacityMw(), outputMw + ramp);
        } else {
            floor = spec.minStableLoadMw();
            ceiling = Math.min(spec.capacityMw(), Math.max(spec.minStableLoadMw(), ramp));
        }
        if (breakerOpen) {
            floor = 0;
            ceiling = 0;
        }
        return new SourceOffer(
                spec.id(), SourceKind.GAS, floor, ceiling, spec.costPerMwh(), spec.carbonTonnesPerMwh(), running());
    }

    void set(double outputMw) {
        this.outputMw = outputMw;
    }
}
