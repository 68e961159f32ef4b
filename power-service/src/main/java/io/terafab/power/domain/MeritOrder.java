package io.terafab.power.domain;

/** What ranks the sources when demand is served: the cheapest first, or the cleanest first. */
public enum MeritOrder {
    /** Lowest marginal cost (US$/MWh) first. */
    COST,
    /** Lowest carbon intensity (t CO2/MWh) first. */
    CARBON;

    /** The figure of a source this order ranks by. */
    double rank(double costPerMwh, double carbonTonnesPerMwh) {
        return this == COST ? costPerMwh : carbonTonnesPerMwh;
    }
}
