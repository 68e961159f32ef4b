package io.terafab.power.domain;

import java.time.Instant;

/**
 * A meter's reading of one asset.
 *
 * @param meterId the meter
 * @param asset the asset it measures
 * @param quantity what it measures
 * @param value the reading, in the quantity's unit
 * @param at simulated time of the reading: it holds from then on
 */
public record MeterReading(String meterId, String asset, MeterQuantity quantity, double value, Instant at) {

    /** Readings of one asset and quantity are ordered by time; this names that stream. */
    String stream() {
        return asset + "/" + quantity.code();
    }
}
