package io.terafab.contract;

import java.time.Instant;
import java.util.Map;

/**
 * A lot left the fab.
 *
 * @param lotId the lot (Kafka key)
 * @param product the product the lot was started as
 * @param wafers wafers that left the line good
 * @param goodDiesByBin good dies per speed bin after wafer sort
 * @param startedAt simulated release time
 * @param finishedAt simulated finish time
 */
public record WaferOutRecorded(String lotId, String product, int wafers, Map<String, Integer> goodDiesByBin,
        Instant startedAt, Instant finishedAt) {

    public WaferOutRecorded {
        Require.text(lotId, "lotId");
        Require.text(product, "product");
        Require.positive(wafers, "wafers");
        goodDiesByBin = Require.nonNegativeCounts(goodDiesByBin, "goodDiesByBin");
        Require.present(startedAt, "startedAt");
        Require.present(finishedAt, "finishedAt");
        if (finishedAt.isBefore(startedAt)) {
            throw new InvalidEventException("finishedAt " + finishedAt + " is before startedAt " + startedAt);
        }
    }

    public int goodDies() {
        return goodDiesByBin.values().stream().mapToInt(Integer::intValue).sum();
    }
}
