package io.terafab.scheduler.domain;

import java.util.List;

/**
 * One kind of job in the synthetic stream, drawn with probability proportional to its weight.
 *
 * @param name what operators call it ({@code inference}, {@code pretraining}, ...)
 * @param weight relative share of arrivals
 * @param tenants tenants that submit it, equally likely
 * @param kind {@code training} or {@code inference}
 * @param sizes gang sizes it draws from
 * @param sizeWeights relative weight of each size, same order as {@code sizes}
 * @param minDurationHours shortest run at full power, simulated hours
 * @param maxDurationHours longest; durations are log-uniform in between (runtimes span orders of magnitude)
 * @param priorityClass the class it is submitted with
 * @param preemptible whether it may be preempted
 */
public record WorkloadProfile(
        String name,
        double weight,
        List<String> tenants,
        String kind,
        List<Integer> sizes,
        List<Double> sizeWeights,
        double minDurationHours,
        double maxDurationHours,
        String priorityClass,
        boolean preemptible) {

    public WorkloadProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a workload profile needs a name");
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight of workload profile " + name + " must be >= 0, was " + weight);
        }
        tenants = List.copyOf(tenants);
        if (tenants.isEmpty() || tenants.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(
                    "workload profile " + name + " needs at least one tenant, got " + tenants);
        }
        if (!"training".equals(kind) && !"inference".equals(kind)) {
            throw new IllegalArgumentException(
                    "kind of workload profile " + name + " must be training or inference, was " + kind);
        }
        sizes = List.copyOf(sizes);
        sizeWeights = List.copyOf(sizeWeights);
        if (sizes.isEmpty() || sizes.size() != sizeWeights.size()) {
            throw new IllegalArgumentException("workload profile " + name + " needs one weight per size, got sizes "
                    + sizes + " and weights " + sizeWeights);
        }
        if (sizes.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException(
                    "sizes of workload profile " + name + " must be at least 1, were " + sizes);
        }
        if (sizeWeights.stream().anyMatch(w -> !(w >= 0) || Double.isInfinite(w))
                || sizeWeights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("size weights of workload profile " + name
                    + " must be >= 0 with a positive sum, were " + sizeWeights);
        }
        if (!(minDurationHours > 0) || !(maxDurationHours >= minDurationHours) || Double.isInfinite(maxDurationHours)) {
            throw new IllegalArgumentException("durations of workload profile " + name
                    + " must satisfy 0 < min <= max, were " + minDurationHours + " and " + maxDurationHours);
        }
        if (priorityClass == null || priorityClass.isBlank()) {
            throw new IllegalArgumentException("workload profile " + name + " needs a priority class");
        }
    }

    public int largestGang() {
        return sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /** Expected accelerator-hours of one job: mean size times the mean of the log-uniform duration. */
    public double meanAcceleratorHours() {
        double totalWeight =
                sizeWeights.stream().mapToDouble(Double::doubleValue).sum();
        double meanSize = 0;
        for (int i = 0; i < sizes.size(); i++) {
            meanSize += sizes.get(i) * sizeWeights.get(i) / totalWeight;
        }
        double meanHours = maxDurationHours == minDurationHours
                ? minDurationHours
                : (maxDurationHours - minDurationHours) / Math.log(maxDurationHours / minDurationHours);
        return meanSize * meanHours;
    }
}
