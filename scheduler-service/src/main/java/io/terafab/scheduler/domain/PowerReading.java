package io.terafab.scheduler.domain;

/**
 * The cluster's facility power at one moment.
 *
 * @param demandWatts what it would draw with every running job at full power
 * @param drawWatts what it draws at the current power factor
 * @param budgetWatts the cap it is under, or {@code null} before its first budget
 * @param powerFactor the share of full power running jobs get, in [0, 1]
 */
public record PowerReading(double demandWatts, double drawWatts, Double budgetWatts, double powerFactor) {
}
