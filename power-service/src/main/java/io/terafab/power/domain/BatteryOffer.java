package io.terafab.power.domain;

/**
 * What a battery can take or give at one dispatch, within its power limits and, over the tick's
 * interval, its state-of-charge bounds.
 *
 * @param id the asset
 * @param maxChargeMw the most it may take in
 * @param maxDischargeMw the most it may give out
 */
public record BatteryOffer(String id, double maxChargeMw, double maxDischargeMw) {}
