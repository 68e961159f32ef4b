package io.terafab.power.domain;

/**
 * The set points of one dispatch, aligned with the offers it was made from.
 *
 * @param outputMw per source
 * @param chargeMw per battery, power in
 * @param dischargeMw per battery, power out
 * @param deficitMw the part of the demand to serve the sources could not be set to (see {@link MeritOrderDispatch})
 */
record DispatchPlan(double[] outputMw, double[] chargeMw, double[] dischargeMw, double deficitMw) {}
