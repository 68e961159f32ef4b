package io.terafab.contract;

/**
 * The one rule by which a whole-number quantity (watt-hours, grams of CO2e, milli-dollars) is split
 * into parts in proportion to weights, so that the parts add up to the whole exactly: each part gets
 * the floor of its exact share, and the units left over go one each to the largest remainders (ties:
 * the lowest index). Every service that books energy, carbon or cost to lots, jobs or accelerators
 * splits with it, so no booked unit is created or lost between the grid and the things it is booked to.
 */
public final class Shares {

    private Shares() {}

    /**
     * Splits {@code total} by {@code weights}.
     *
     * @param total a whole quantity, at least 0
     * @param weights finite, non-negative weights; when they add up to 0 every part is 0 and
     *     {@link #unsplit} is the whole
     * @return one part per weight, adding up to {@code total} unless every weight is 0
     */
    public static long[] split(long total, double[] weights) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, was " + total);
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0, one was " + w);
            }
            sum += w;
        }
        long[] parts = new long[weights.length];
        if (sum <= 0 || total == 0) {
            return parts;
        }
        double[] remainders = new double[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * (weights[i] / sum);
            long floor = (long) Math.floor(exact);
            parts[i] = floor;
            remainders[i] = exact - floor;
            given += floor;
        }
        long left = total - given;
        // floating-point shares can leave the floors a unit or so off in either direction: hand the
        // difference out one unit at a time, largest remainder first (smallest first when taking back)
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int byRemainder = Double.compare(remainders[b], remainders[a]);
            return byRemainder != 0 ? byRemainder : Integer.compare(a, b);
        });
        int k = 0;
        while (left > 0) {
            int i = order[k++ % order.length];
            if (weights[i] > 0) {
                parts[i]++;
                left--;
            }
        }
        k = order.length - 1;
        while (left < 0) {
            int i = order[Math.floorMod(k--, order.length)];
            if (parts[i] > 0) {
                parts[i]--;
                left++;
            }
        }
        return parts;
    }

    /** What {@link #split} leaves unassigned: the whole when every weight is 0 (or there is none), else 0. */
    public static long unsplit(long total, double[] weights) {
        for (double w : weights) {
            if (w > 0) {
                return 0;
            }
        }
        return total;
    }

    /**
     * The whole units between two running totals rounded half up: what an interval adds to a total
     * kept in fractional units. Adding up the steps of consecutive intervals gives the rounded
     * total, so publishing steps never lets a rounding error build up.
     */
    public static long step(double before, double after) {
        return Math.round(after) - Math.round(before);
    }
}
