package io.terafab.scheduler.domain;

/**
 * Facility power of the cluster: IT load = busy x accelerator power x power factor + idle x idle
 * power, facility draw = IT load x PUE. The PUE is applied here and nowhere else, in both
 * directions (IT to facility, and a facility budget back to the IT load it allows).
 */
public final class PowerModel {

    private final double acceleratorWatts;
    private final double idleWatts;
    private final double pue;

    public PowerModel(double acceleratorWatts, double idleWatts, double pue) {
        this.acceleratorWatts = acceleratorWatts;
        this.idleWatts = idleWatts;
        this.pue = pue;
    }

    /** Facility draw with {@code busy} accelerators running at {@code powerFactor} and {@code idle} without a job. */
    public double drawWatts(int busy, int idle, double powerFactor) {
        return facilityWatts(busy * acceleratorWatts * powerFactor + idle * idleWatts);
    }

    /**
     * The largest power factor in [0, 1] whose draw stays within {@code budgetWatts}: 1 when there
     * is no budget or the full draw fits, 0 when even the idle accelerators exceed it (they cannot
     * be slowed further; the draw then stays above the budget by their idle power).
     */
    public double factorWithin(int busy, int idle, Double budgetWatts) {
        if (budgetWatts == null || busy == 0 || drawWatts(busy, idle, 1) <= budgetWatts) {
            return 1;
        }
        double headroomWatts = itWatts(budgetWatts) - idle * idleWatts;
        double factor = Math.max(0, Math.min(1, headroomWatts / (busy * acceleratorWatts)));
        // the division can land one ulp above the cap; step down until the draw is within it
        while (factor > 0 && drawWatts(busy, idle, factor) > budgetWatts) {
            factor = Math.nextDown(factor);
        }
        return factor;
    }

    private double facilityWatts(double itWatts) {
        return itWatts * pue;
    }

    private double itWatts(double facilityWatts) {
        return facilityWatts / pue;
    }
}
