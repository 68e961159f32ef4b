package io.terafab.scheduler.domain;

import java.time.Instant;

/**
 * What an accepted job asks for.
 *
 * @param jobId unique across the life of the cluster
 * @param tenant the tenant (queue) it waits in and is accounted to
 * @param kind {@code training} or {@code inference}
 * @param accelerators the gang size: the job runs on exactly this many accelerators or not at all
 * @param estimatedHours run time at full power, simulated hours: the runtime estimate backfill relies on, and the
 *     work the job does
 * @param priorityClass the name of its priority class
 * @param priority the class's value: higher starts first
 * @param preemptible whether it may be preempted for a higher priority job (for power it is paused instead when not)
 * @param submittedAt simulated time of the submission
 */
public record JobSpec(
        String jobId,
        String tenant,
        String kind,
        int accelerators,
        double estimatedHours,
        String priorityClass,
        int priority,
        boolean preemptible,
        Instant submittedAt) {

    private static final double SECONDS_PER_HOUR = 3600;

    public double estimatedSeconds() {
        return estimatedHours * SECONDS_PER_HOUR;
    }
}
