package io.terafab.campus.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A channel's cumulative latency buckets ({@code terafab_messaging_ingest_latency_seconds_bucket}),
 * as Prometheus exposes them: for each upper bound, how many records took at most that long. The
 * difference of two reads holds exactly the records applied between them, so percentiles of a
 * phase cover every record of it, however long its backlog took to apply.
 */
public final class LatencyHistogram {

    public static final LatencyHistogram EMPTY =
            new LatencyHistogram(new double[] {Double.POSITIVE_INFINITY}, new double[1]);

    /** Upper bounds in seconds, ascending, the last one +Inf. */
    private final double[] bounds;
    /** Records at or below each bound. */
    private final double[] cumulative;

    private LatencyHistogram(double[] bounds, double[] cumulative) {
        this.bounds = bounds;
        this.cumulative = cumulative;
    }

    /** From the samples of one channel: the {@code le} label's value to the cumulative count. */
    public static LatencyHistogram of(Map<String, Double> countByLe) {
        if (countByLe.isEmpty()) {
            return EMPTY;
        }
        TreeMap<Double, Double> sorted = new TreeMap<>();
        countByLe.forEach((le, count) -> sorted.put(Double.parseDouble(le.replace("Inf", "Infinity")), count));
        if (sorted.lastKey() != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("no +Inf bucket among " + countByLe.keySet());
        }
        return new LatencyHistogram(
                sorted.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                sorted.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Records counted. */
    public long count() {
        return Math.round(cumulative[cumulative.length - 1]);
    }

    /** The records applied since {@code earlier}, a read of the same channel's buckets. */
    public LatencyHistogram since(LatencyHistogram earlier) {
        if (earlier.count() == 0) {
            return this;
        }
        requireSameBounds(earlier);
        double[] delta = new double[cumulative.length];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = cumulative[i] - earlier.cumulative[i];
            if (delta[i] < 0) {
                throw new IllegalStateException("the buckets went down between two reads (did the service restart?)");
            }
        }
        return new LatencyHistogram(bounds, delta);
    }

    /** The records of both (same buckets). */
    public LatencyHistogram plus(LatencyHistogram other) {
        if (other.count() == 0) {
            return this;
        }
        if (count() == 0) {
            return other;
        }
        requireSameBounds(other);
        double[] sum = new double[cumulative.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = cumulative[i] + other.cumulative[i];
        }
        return new LatencyHistogram(bounds, sum);
    }

    /**
     * The latency below which a share {@code q} of the records fall, in milliseconds, interpolated
     * linearly within its bucket (as Prometheus's {@code histogram_quantile}); NaN without records;
     * +Inf when it lies above the last finite bound.
     */
    public double quantileMillis(double q) {
        double total = cumulative[cumulative.length - 1];
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double below = 0;
        double lower = 0;
        for (int i = 0; i < bounds.length; i++) {
            if (cumulative[i] >= rank && cumulative[i] > below) {
                if (Double.isInfinite(bounds[i])) {
                    return Double.POSITIVE_INFINITY;
                }
                return 1000 * (lower + (bounds[i] - lower) * (rank - below) / (cumulative[i] - below));
            }
            below = cumulative[i];
            lower = bounds[i];
        }
        return Double.POSITIVE_INFINITY;
    }

    /** The largest finite bound, in milliseconds: above it a percentile is only known to be larger. */
    public double largestFiniteBoundMillis() {
        return bounds.length < 2 ? Double.NaN : 1000 * bounds[bounds.length - 2];
    }

    private void requireSameBounds(LatencyHistogram other) {
        if (!Arrays.equals(bounds, other.bounds)) {
            throw new IllegalStateException(
                    "different buckets: " + Arrays.toString(bounds) + " and " + Arrays.toString(other.bounds));
        }
    }
}
