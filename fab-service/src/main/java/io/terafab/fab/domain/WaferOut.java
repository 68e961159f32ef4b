package io.terafab.fab.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A lot that left the line good.
 *
 * @param lotId the lot
 * @param product the product it was started as
 * @param wafers wafers in the lot
 * @param goodDiesByBin good dies per speed bin, bins in the configured order
 * @param startedAt simulated release time
 * @param finishedAt simulated time it reached the end of the route
 */
public record WaferOut(String lotId, String product, int wafers, Map<String, Integer> goodDiesByBin, Instant startedAt,
        Instant finishedAt) {
}
