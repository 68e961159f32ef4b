package io.terafab.fab.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From wafers to good dies per speed bin: gross dies from the die area on a 300 mm wafer, die
 * yield by a selectable model, and a split of the good dies over speed bins. Defaults and their
 * sources are in the service's {@code FabConfig}.
 *
 * @param dieAreaMm2 area of one die
 * @param defectDensityPerCm2 killer defects per cm² (D0)
 * @param model the die yield model
 * @param clusterAlpha clustering parameter of the negative binomial model
 * @param bins speed bins, best first
 * @param binShares share of good dies per bin, summing to 1
 */
public record YieldSettings(
        double dieAreaMm2,
        double defectDensityPerCm2,
        DieYieldModel model,
        double clusterAlpha,
        List<String> bins,
        List<Double> binShares) {

    /** 300 mm wafers. */
    public static final double WAFER_DIAMETER_MM = 300;

    // guards floor() against binary rounding, so 25 wafers × 64 dies × 0.6 gives 960 good dies, not 959
    private static final double ROUNDING_GUARD = 1e-9;
    private static final double SHARES_TOLERANCE = 1e-9;

    public YieldSettings {
        if (!(dieAreaMm2 > 0 && dieAreaMm2 < 10_000)) {
            throw new IllegalArgumentException("die area must be in (0, 10000) mm², was " + dieAreaMm2);
        }
        if (!(defectDensityPerCm2 >= 0) || Double.isInfinite(defectDensityPerCm2)) {
            throw new IllegalArgumentException("defect density must be finite and >= 0, was " + defectDensityPerCm2);
        }
        if (model == null || !(clusterAlpha > 0)) {
            throw new IllegalArgumentException("a yield model and a cluster alpha > 0 are required");
        }
        bins = List.copyOf(bins);
        binShares = List.copyOf(binShares);
        if (bins.isEmpty()
                || bins.size() != binShares.size()
                || bins.stream().distinct().count() != bins.size()) {
            throw new IllegalArgumentException(
                    "need distinct bins and one share per bin, got " + bins + " and " + binShares);
        }
        if (binShares.stream().anyMatch(s -> !(s >= 0 && s <= 1))
                || Math.abs(binShares.stream().mapToDouble(Double::doubleValue).sum() - 1) > SHARES_TOLERANCE) {
            throw new IllegalArgumentException("bin shares must be in [0, 1] and sum to 1, were " + binShares);
        }
        if (grossDiesPerWafer(dieAreaMm2) <= 0) {
            throw new IllegalArgumentException("a die of " + dieAreaMm2 + " mm² does not fit on a wafer");
        }
    }

    /** Die sites per wafer: πr²/A − πd/√(2A), the usual estimate with the edge loss. */
    public int grossDiesPerWafer() {
        return grossDiesPerWafer(dieAreaMm2);
    }

    private static int grossDiesPerWafer(double areaMm2) {
        double r = WAFER_DIAMETER_MM / 2;
        return (int) Math.floor(Math.PI * r * r / areaMm2 - Math.PI * WAFER_DIAMETER_MM / Math.sqrt(2 * areaMm2));
    }

    /** Share of die sites that are good, by the model. */
    public double dieYield() {
        return model.yield(dieAreaMm2 / 100 * defectDensityPerCm2, clusterAlpha);
    }

    /** {@code floor(wafers × gross dies × die yield)} split by the bin shares, the remainder to the last bin. */
    public Map<String, Integer> goodDiesByBin(int wafers) {
        int goodDies = (int) Math.floor((double) wafers * grossDiesPerWafer() * dieYield() + ROUNDING_GUARD);
        Map<String, Integer> byBin = new LinkedHashMap<>();
        int assigned = 0;
        for (int i = 0; i < bins.size() - 1; i++) {
            int dies = (int) Math.floor(goodDies * binShares.get(i) + ROUNDING_GUARD);
            byBin.put(bins.get(i), dies);
            assigned += dies;
        }
        byBin.put(bins.get(bins.size() - 1), goodDies - assigned);
        return Collections.unmodifiableMap(byBin);
    }
}
