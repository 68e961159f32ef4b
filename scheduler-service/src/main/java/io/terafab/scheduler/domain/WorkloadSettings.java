package io.terafab.scheduler.domain;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The synthetic job stream.
 *
 * @param meanInterarrival mean simulated time between submissions (exponential inter-arrivals)
 * @param seed seed of the stream: one seed, one sequence of jobs
 * @param sizes gang sizes jobs draw from
 * @param sizeWeights relative weight of each size, same order as {@code sizes}
 * @param minDurationHours shortest job, simulated hours at full power
 * @param maxDurationHours longest job
 * @param tenants tenants jobs are drawn from, equally likely
 * @param inferenceTenants tenants whose jobs are inference; the others' are training
 */
public record WorkloadSettings(Duration meanInterarrival, long seed, List<Integer> sizes, List<Double> sizeWeights,
        double minDurationHours, double maxDurationHours, List<String> tenants, Set<String> inferenceTenants) {

    public WorkloadSettings {
        if (meanInterarrival == null || meanInterarrival.isNegative() || meanInterarrival.isZero()) {
            throw new IllegalArgumentException("mean inter-arrival must be a positive duration, was " + meanInterarrival);
        }
        sizes = List.copyOf(sizes);
        sizeWeights = List.copyOf(sizeWeights);
        if (sizes.isEmpty() || sizes.size() != sizeWeights.size()) {
            throw new IllegalArgumentException("workload needs one weight per size, got sizes " + sizes
                    + " and weights " + sizeWeights);
        }
        if (sizes.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("workload sizes must be at least 1, were " + sizes);
        }
        if (sizeWeights.stream().anyMatch(w -> !(w >= 0) || Double.isInfinite(w))
                || sizeWeights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("workload size weights must be >= 0 with a positive sum, were "
                    + sizeWeights);
        }
        if (!(minDurationHours > 0) || !(maxDurationHours >= minDurationHours) || Double.isInfinite(maxDurationHours)) {
            throw new IllegalArgumentException("workload durations must satisfy 0 < min <= max, were "
                    + minDurationHours + " and " + maxDurationHours);
        }
        tenants = List.copyOf(tenants);
        if (tenants.isEmpty() || tenants.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("workload needs at least one tenant, got " + tenants);
        }
        inferenceTenants = Set.copyOf(inferenceTenants);
    }
}
