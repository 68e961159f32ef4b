package io.terafab.power.domain;

/**
 * One battery at a dispatch, its stored energy after the tick's interval.
 *
 * @param id the asset
 * @param chargeMw power in
 * @param dischargeMw power out
 * @param energyMwh stored energy
 * @param stateOfCharge stored energy as a fraction of capacity
 * @param breakerOpen whether a meter reported its breaker open
 */
public record BatteryDispatch(
        String id, double chargeMw, double dischargeMw, double energyMwh, double stateOfCharge, boolean breakerOpen) {}
