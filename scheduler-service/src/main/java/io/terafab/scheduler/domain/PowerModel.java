package io.terafab.scheduler.domain;

/**
 * Power of the cluster's accelerators and the slowdown model of power capping.
 *
 * <p>An accelerator running a job at power share {@code s} draws
 * {@code idle + s x (full - idle)} watts of IT power: {@code s} is the share of its dynamic range
 * the cap leaves it, between {@code minShare} (the lowest cap the hardware accepts) and 1. It then
 * runs at speed {@code s^slowdownExponent}: dynamic power grows with the cube of the clock under
 * voltage-frequency scaling (P ~ f V^2, V ~ f), so the clock a cap allows goes as the cube root of
 * the dynamic power, and compute-bound training and inference progress with the clock. With the
 * default exponent 1/3 a job capped to half its dynamic power runs at 79% speed, about what power
 * capping studies of data-center GPUs report (10 to 20% slower for 30 to 40% less power). An idle
 * accelerator draws {@code idle}; a powered-down one, or one held by a paused job, draws nothing.
 * Facility power is IT power times the PUE, applied here and nowhere else.
 *
 * @param fullWatts IT power of an accelerator running at full power
 * @param idleWatts IT power of an idle, powered accelerator
 * @param pue facility watts per IT watt, at least 1
 * @param minShare the lowest power share a running job can be capped to; below it jobs are paused or preempted
 * @param startShare a job starts (or resumes) only if every running job could then still get this share: the
 *     gap to {@code minShare} keeps a small budget wobble from starting and shedding jobs in turn
 * @param slowdownExponent speed = share ^ exponent
 */
public record PowerModel(
        double fullWatts, double idleWatts, double pue, double minShare, double startShare, double slowdownExponent) {

    public PowerModel {
        requireFinite(fullWatts, Double.MIN_VALUE, "accelerator power");
        requireFinite(idleWatts, 0, "idle power");
        if (idleWatts > fullWatts) {
            throw new IllegalArgumentException(
                    "idle power (" + idleWatts + " W) must not exceed full power (" + fullWatts + " W)");
        }
        requireFinite(pue, 1, "PUE");
        requireFinite(minShare, 0, "minimum power share");
        if (minShare > 1) {
            throw new IllegalArgumentException("minimum power share must be <= 1, was " + minShare);
        }
        if (!(startShare >= minShare) || startShare > 1) {
            throw new IllegalArgumentException("start power share must be in [minimum share, 1], was " + startShare);
        }
        requireFinite(slowdownExponent, 0, "slowdown exponent");
    }

    private static void requireFinite(double value, double min, String what) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number >= " + min + ", was " + value);
        }
    }

    /** IT watts of one accelerator running at {@code share}. */
    public double runningWatts(double share) {
        return idleWatts + share * (fullWatts - idleWatts);
    }

    /** Watts one accelerator's share adds per unit of share (its dynamic range). */
    public double dynamicWatts() {
        return fullWatts - idleWatts;
    }

    /** Progress per second of a job at {@code share}, in seconds of full-power work. */
    public double speed(double share) {
        return share >= 1 ? 1 : Math.pow(share, slowdownExponent);
    }

    public double facilityWatts(double itWatts) {
        return itWatts * pue;
    }

    public double itWatts(double facilityWatts) {
        return facilityWatts / pue;
    }
}
