package io.terafab.scheduler.domain;

import java.time.Duration;
import java.util.List;

/**
 * The synthetic job stream.
 *
 * @param meanInterarrival mean simulated time between submissions (exponential inter-arrivals: a Poisson stream)
 * @param seed seed of the stream: one seed, one sequence of jobs
 * @param profiles the mix of jobs it draws from
 */
public record WorkloadSettings(Duration meanInterarrival, long seed, List<WorkloadProfile> profiles) {

    public WorkloadSettings {
        if (meanInterarrival == null || meanInterarrival.isNegative() || meanInterarrival.isZero()) {
            throw new IllegalArgumentException(
                    "mean inter-arrival must be a positive duration, was " + meanInterarrival);
        }
        profiles = List.copyOf(profiles);
        if (profiles.isEmpty()
                || profiles.stream().mapToDouble(WorkloadProfile::weight).sum() <= 0) {
            throw new IllegalArgumentException("the workload needs at least one profile with a positive weight");
        }
    }
}
