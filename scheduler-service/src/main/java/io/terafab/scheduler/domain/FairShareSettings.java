package io.terafab.scheduler.domain;

import java.time.Duration;
import java.util.Map;

/**
 * How tenants share the cluster.
 *
 * @param weights tenant weights; a tenant with twice the weight is entitled to twice the accelerators
 * @param defaultWeight the weight of a tenant not listed
 * @param usageHalfLife how fast past usage is forgiven (Slurm's {@code PriorityDecayHalfLife})
 */
public record FairShareSettings(Map<String, Double> weights, double defaultWeight, Duration usageHalfLife) {

    public FairShareSettings {
        weights = Map.copyOf(weights);
        weights.forEach((tenant, weight) -> requirePositive(weight, "weight of tenant " + tenant));
        requirePositive(defaultWeight, "default tenant weight");
        if (usageHalfLife == null || usageHalfLife.isNegative() || usageHalfLife.isZero()) {
            throw new IllegalArgumentException("usage half-life must be a positive duration, was " + usageHalfLife);
        }
    }

    private static void requirePositive(Double value, String what) {
        if (value == null || !(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number > 0, was " + value);
        }
    }

    public double weightOf(String tenant) {
        return weights.getOrDefault(tenant, defaultWeight);
    }
}
