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
 * @param cycleTimeDays release-to-wafer-out time in days; optional ({@code null} in events of
 *        producers that do not give it: it is then {@code finishedAt - startedAt})
 * @param lotClass the lot's priority class ({@code regular}, {@code hot}, {@code superhot}); optional
 */
public record WaferOutRecorded(
        String lotId,
        String product,
        int wafers,
        Map<String, Integer> goodDiesByBin,
        Instant startedAt,
        Instant finishedAt,
        Double cycleTimeDays,
        String lotClass) {

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
        if (cycleTimeDays != null) {
            Require.nonNegative(cycleTimeDays, "cycleTimeDays");
        }
        if (lotClass != null) {
            Require.text(lotClass, "lotClass");
        }
    }

    /** The first version's fields: no cycle time, no lot class. */
    public WaferOutRecorded(
            String lotId,
            String product,
            int wafers,
            Map<String, Integer> goodDiesByBin,
            Instant startedAt,
            Instant finishedAt) {
        this(lotId, product, wafers, goodDiesByBin, startedAt, finishedAt, null, null);
    }

    public int goodDies() {
        return goodDiesByBin.values().stream().mapToInt(Integer::intValue).sum();
    }
}
