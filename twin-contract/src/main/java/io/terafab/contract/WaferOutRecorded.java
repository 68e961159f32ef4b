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
 * @param energyWh the fab's energy booked to the lot, watt-hours: its tools' busy power over their
 *        process time plus its share of idle and facility power (fab-service README, "Energy and carbon");
 *        optional ({@code null} from producers that do not account)
 * @param carbonGrams CO2e of that energy at the grid mix of each interval it was drawn in, grams; optional
 */
public record WaferOutRecorded(
        String lotId,
        String product,
        int wafers,
        Map<String, Integer> goodDiesByBin,
        Instant startedAt,
        Instant finishedAt,
        Double cycleTimeDays,
        String lotClass,
        Long energyWh,
        Long carbonGrams) {

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
        if (energyWh != null) {
            Require.nonNegative(energyWh.longValue(), "energyWh");
        }
        if (carbonGrams != null) {
            Require.nonNegative(carbonGrams.longValue(), "carbonGrams");
        }
    }

    /** The second version's fields: no energy, no carbon. */
    public WaferOutRecorded(
            String lotId,
            String product,
            int wafers,
            Map<String, Integer> goodDiesByBin,
            Instant startedAt,
            Instant finishedAt,
            Double cycleTimeDays,
            String lotClass) {
        this(lotId, product, wafers, goodDiesByBin, startedAt, finishedAt, cycleTimeDays, lotClass, null, null);
    }

    /** The first version's fields: no cycle time, no lot class. */
    public WaferOutRecorded(
            String lotId,
            String product,
            int wafers,
            Map<String, Integer> goodDiesByBin,
            Instant startedAt,
            Instant finishedAt) {
        this(lotId, product, wafers, goodDiesByBin, startedAt, finishedAt, null, null, null, null);
    }

    public int goodDies() {
        return goodDiesByBin.values().stream().mapToInt(Integer::intValue).sum();
    }
}
