package io.terafab.sensors.generator;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One kind of job integrators submit, drawn with probability proportional to its weight.
 *
 * @param name what it is called
 * @param weight relative share of submissions
 * @param tenants tenants that submit it, equally likely
 * @param kind {@code training} or {@code inference}
 * @param sizes gang sizes
 * @param sizeWeights relative weight of each size
 * @param minHours shortest run, simulated hours
 * @param maxHours longest; durations are log-uniform in between
 * @param priorityClass the class it is submitted with
 * @param preemptible whether it may be preempted
 */
record JobProfile(
        String name,
        double weight,
        List<String> tenants,
        String kind,
        List<Integer> sizes,
        List<Double> sizeWeights,
        double minHours,
        double maxHours,
        String priorityClass,
        boolean preemptible) {

    /**
     * scheduler-service's default workload (its application.properties, {@code scheduler.workload.profiles.*},
     * after the shape of published GPU-cluster traces: Philly, Alibaba PAI, Meta's research cluster),
     * so submissions from integrators look like the work the twin already runs.
     */
    static final List<JobProfile> DEFAULT_WORKLOAD = List.of(
            new JobProfile(
                    "inference",
                    0.40,
                    List.of("inference"),
                    "inference",
                    List.of(8, 16, 32, 64),
                    List.of(0.4, 0.3, 0.2, 0.1),
                    10 / 60.0,
                    12,
                    "critical",
                    false),
            new JobProfile(
                    "experiments",
                    0.35,
                    List.of("research", "product"),
                    "training",
                    List.of(8, 32, 64, 128),
                    List.of(0.4, 0.3, 0.2, 0.1),
                    0.25,
                    24,
                    "low",
                    true),
            new JobProfile(
                    "fine-tuning",
                    0.23,
                    List.of("product", "research"),
                    "training",
                    List.of(64, 256, 512),
                    List.of(0.5, 0.35, 0.15),
                    2,
                    72,
                    "normal",
                    true),
            new JobProfile(
                    "pretraining",
                    0.02,
                    List.of("research"),
                    "training",
                    List.of(1024, 2048, 4096),
                    List.of(0.5, 0.3, 0.2),
                    24,
                    504,
                    "high",
                    false));

    int drawSize(RandomGenerator random) {
        return sizes.get(drawIndex(sizeWeights, random));
    }

    double drawHours(RandomGenerator random) {
        return minHours * Math.pow(maxHours / minHours, random.nextDouble());
    }

    static JobProfile draw(List<JobProfile> profiles, RandomGenerator random) {
        return profiles.get(drawIndex(profiles.stream().map(JobProfile::weight).toList(), random));
    }

    static int drawIndex(List<Double> weights, RandomGenerator random) {
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.size(); i++) {
            x -= weights.get(i);
            if (x < 0) {
                return i;
            }
        }
        return weights.size() - 1;
    }
}
