package io.terafab.chip.domain.carbon;

import io.terafab.contract.Shares;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Embodied energy and carbon of the chips made from each lot.
 *
 * <p>A lot's wafer-out carries the fab's energy and carbon booked to it. Its good dies become chips
 * through packaging and final test (chips lost there carry no energy of their own: their dies' share
 * goes to the chips that pass). So one chip of the lot embodies {@code lot energy / chips tested} of
 * fab energy, plus the {@link PackagingFootprint} (a configured figure, applied when read); one good die, {@code lot energy / good dies}.
 * Per SKU, the lot's fab energy and carbon are split over its SKUs by chips with {@link Shares}, so the
 * SKUs' totals add up to the fab energy of the lots recorded, to the watt-hour.
 *
 * <p>Lots are kept one by one for the newest {@code lotsKept} lots (chip-service's lineage window);
 * an accelerator whose lot was folded out gets its SKU's mean.
 */
public final class EmbodiedLedger {

    private final int lotsKept;
    private final LinkedHashMap<String, LotFootprint> lots = new LinkedHashMap<>();
    private final Map<String, SkuTotals> bySku = new TreeMap<>();
    private long lotsRecorded;
    private long lotsWithoutFootprint;

    public EmbodiedLedger(int lotsKept) {
        this.lotsKept = Math.max(1, lotsKept);
    }

    /**
     * A lot's footprint.
     *
     * @param lotId the lot
     * @param fabWh the fab's energy booked to it
     * @param fabCarbonGrams the carbon of that energy
     * @param goodDies its good dies
     * @param chips chips that passed final test, all SKUs
     */
    public record LotFootprint(String lotId, long fabWh, long fabCarbonGrams, long goodDies, long chips) {

        /** Fab energy per good die, Wh; 0 without dies. */
        public double whPerGoodDie() {
            return goodDies == 0 ? 0 : (double) fabWh / goodDies;
        }

        public double gramsPerGoodDie() {
            return goodDies == 0 ? 0 : (double) fabCarbonGrams / goodDies;
        }

        /** Fab energy per chip tested good, Wh (dies lost in packaging and test included); 0 without chips. */
        public double fabWhPerChip() {
            return chips == 0 ? 0 : (double) fabWh / chips;
        }

        public double fabGramsPerChip() {
            return chips == 0 ? 0 : (double) fabCarbonGrams / chips;
        }
    }

    /**
     * A SKU's chips and what they embody.
     *
     * @param chips chips made of lots with a footprint
     * @param fabWh their share of the fab's energy
     * @param fabCarbonGrams their share of its carbon
     */
    public record SkuTotals(long chips, long fabWh, long fabCarbonGrams) {

        static final SkuTotals NONE = new SkuTotals(0, 0, 0);

        SkuTotals plus(long c, long wh, long g) {
            return new SkuTotals(chips + c, fabWh + wh, fabCarbonGrams + g);
        }
    }

    /**
     * What making one accelerator embodied.
     *
     * @param fabWh its die's share of the fab's energy (with the dies lost in packaging and test)
     * @param fabCarbonGrams its carbon
     * @param packagingWh packaging and test
     * @param packagingCarbonGrams their carbon
     */
    public record Embodied(double fabWh, double fabCarbonGrams, double packagingWh, double packagingCarbonGrams) {

        public double totalWh() {
            return fabWh + packagingWh;
        }

        public double totalCarbonGrams() {
            return fabCarbonGrams + packagingCarbonGrams;
        }
    }

    /**
     * Records a lot's footprint; a wafer-out without one (an integrator that does not account) is
     * counted and embodies only packaging and test.
     *
     * @param chipsBySku chips tested good per SKU, as the inventory made them
     */
    public void recordLot(String lotId, Long fabWh, Long fabCarbonGrams, long goodDies, Map<String, Long> chipsBySku) {
        lotsRecorded++;
        if (fabWh == null) {
            lotsWithoutFootprint++;
            return;
        }
        long wh = fabWh;
        long grams = fabCarbonGrams == null ? 0 : fabCarbonGrams;
        List<String> skus = new ArrayList<>(new TreeMap<>(chipsBySku).keySet());
        double[] weights = new double[skus.size()];
        long chips = 0;
        for (int i = 0; i < skus.size(); i++) {
            weights[i] = chipsBySku.get(skus.get(i));
            chips += chipsBySku.get(skus.get(i));
        }
        long[] whParts = Shares.split(wh, weights);
        long[] gramParts = Shares.split(grams, weights);
        for (int i = 0; i < skus.size(); i++) {
            long c = chipsBySku.get(skus.get(i));
            long w = whParts[i];
            long g = gramParts[i];
            bySku.merge(
                    skus.get(i),
                    SkuTotals.NONE.plus(c, w, g),
                    (a, b) -> a.plus(b.chips(), b.fabWh(), b.fabCarbonGrams()));
        }
        lots.put(lotId, new LotFootprint(lotId, wh, grams, goodDies, chips));
        var oldest = lots.entrySet().iterator();
        while (lots.size() > lotsKept) {
            oldest.next();
            oldest.remove();
        }
    }

    /** The footprint of a recent lot; empty for a lot without one or folded out of the window. */
    public Optional<LotFootprint> lot(String lotId) {
        return Optional.ofNullable(lots.get(lotId));
    }

    /** What one accelerator of {@code sku} made from {@code lotId} embodies (its SKU's mean when the lot is not kept). */
    public Embodied accelerator(String lotId, String sku, PackagingFootprint packaging) {
        LotFootprint lot = lotId == null ? null : lots.get(lotId);
        double wh;
        double grams;
        if (lot != null && lot.chips() > 0) {
            wh = lot.fabWhPerChip();
            grams = lot.fabGramsPerChip();
        } else {
            SkuTotals t = bySku.getOrDefault(sku, SkuTotals.NONE);
            wh = t.chips() == 0 ? 0 : (double) t.fabWh() / t.chips();
            grams = t.chips() == 0 ? 0 : (double) t.fabCarbonGrams() / t.chips();
        }
        return new Embodied(wh, grams, packaging.whPerChip(), packaging.carbonGramsPerChip());
    }

    /** Per SKU: chips made of lots with a footprint and their share of the fab's energy and carbon. */
    public Map<String, SkuTotals> bySku() {
        return new LinkedHashMap<>(bySku);
    }

    public long lotsRecorded() {
        return lotsRecorded;
    }

    public long lotsWithoutFootprint() {
        return lotsWithoutFootprint;
    }

    // ---- snapshots

    public State state() {
        return new State(new ArrayList<>(lots.values()), new TreeMap<>(bySku), lotsRecorded, lotsWithoutFootprint);
    }

    /** Replaces the ledger by a saved one; {@code null} (a snapshot from before it) starts it empty. */
    public void restore(State s) {
        lots.clear();
        bySku.clear();
        lotsRecorded = 0;
        lotsWithoutFootprint = 0;
        if (s == null) {
            return;
        }
        if (s.lots() != null) {
            s.lots().forEach(l -> lots.put(l.lotId(), l));
        }
        if (s.bySku() != null) {
            bySku.putAll(s.bySku());
        }
        lotsRecorded = s.lotsRecorded();
        lotsWithoutFootprint = s.lotsWithoutFootprint();
    }

    /** The ledger as plain data: lots oldest first. */
    public record State(
            List<LotFootprint> lots, Map<String, SkuTotals> bySku, long lotsRecorded, long lotsWithoutFootprint) {}
}
