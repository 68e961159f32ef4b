package io.terafab.power.domain;

/**
 * One consumer's share of a dispatch.
 *
 * @param consumer the consumer
 * @param demandMw what it asked for (its latest reading)
 * @param capMw the budget: what it may draw until the dispatch's {@code validUntil}
 * @param servedMw what it is served at this dispatch: its demand up to what the priority policy allows it
 * @param drawMw what it reported drawing
 * @param stale whether its latest reading is older than the demand timeout
 * @param floorMw the least it said it can draw without stopping (0 when it reported none), served
 *     before any priority tier
 */
public record ConsumerBudget(
        String consumer, double demandMw, double capMw, double servedMw, double drawMw, boolean stale, double floorMw) {

    /** The part of the demand not served: {@code demand - served >= 0}. */
    public double curtailedMw() {
        return Math.max(0, demandMw - servedMw);
    }

    /** The cap is below the demand. */
    public boolean curtailed() {
        return capMw < demandMw;
    }
}
