package io.terafab.power.domain;

import java.util.Arrays;

/**
 * How the available supply was split at one dispatch: the base load's share, and per consumer (in
 * the settings' order) what it is served, how much of that is its floor, and the cap it may draw
 * up to.
 */
final class BudgetAllocation {

    private double baseServedMw;
    private final double[] servedMw;
    private final double[] floorServedMw;
    private final double[] capMw;

    BudgetAllocation(double baseServedMw, double[] servedMw, double[] floorServedMw, double[] capMw) {
        this.baseServedMw = baseServedMw;
        this.servedMw = servedMw;
        this.floorServedMw = floorServedMw;
        this.capMw = capMw;
    }

    double baseServedMw() {
        return baseServedMw;
    }

    double servedMw(int consumer) {
        return servedMw[consumer];
    }

    double capMw(int consumer) {
        return capMw[consumer];
    }

    double totalServedMw() {
        return baseServedMw + Arrays.stream(servedMw).sum();
    }

    /**
     * Serves {@code deficitMw} less than allocated, in the reverse of the order it was allocated:
     * from the lowest tier up down to the floors, then the floors, the base load last. That is what
     * happens when the sources cannot be set to exactly the allocated demand (a turbine that may
     * only run at or above its minimum stable load, nothing to absorb the excess). Caps stay: they
     * promise nothing beyond what was available.
     */
    void serveLess(double deficitMw, PriorityPolicy policy) {
        double left = deficitMw;
        var tiers = policy.tiers();
        for (int t = tiers.size() - 1; t >= 0 && left > 0; t--) {
            int c = policy.consumerIndex(tiers.get(t).consumer());
            double cut = Math.min(left, Math.max(0, servedMw[c] - floorServedMw[c]));
            servedMw[c] -= cut;
            left -= cut;
        }
        int[] floorOrder = policy.floorOrder();
        for (int i = floorOrder.length - 1; i >= 0 && left > 0; i--) {
            int c = floorOrder[i];
            double cut = Math.min(left, servedMw[c]);
            servedMw[c] -= cut;
            left -= cut;
        }
        double cut = Math.min(left, baseServedMw);
        baseServedMw -= cut;
    }
}
