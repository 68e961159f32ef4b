package io.terafab.fab.domain;

/**
 * The fab's power at one moment.
 *
 * @param demandMw what the fab would draw without a cap (its running and held jobs, the starts the cap
 *     holds back, idle tools, facility)
 * @param drawMw what it draws: held tools and blocked starts keep it within the cap, down to the
 *     idle and facility floor, which is never shed
 * @param floorMw that floor: the facility load and every tool idle, the least the fab draws
 *     without stopping; no more than the demand
 * @param budgetMw the cap, or {@code null} before the first budget (uncapped)
 * @param speedFactor share of the productive (above-floor) demand the fab can serve, in [0, 1]
 */
public record FabPower(double demandMw, double drawMw, double floorMw, Double budgetMw, double speedFactor) {}
