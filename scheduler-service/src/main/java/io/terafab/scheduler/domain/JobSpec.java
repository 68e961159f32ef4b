package io.terafab.scheduler.domain;

import java.time.Instant;

/**
 * What a job asks for, and when it asked.
 *
 * @param jobId unique across the life of the cluster
 * @param tenant the queue it is accounted to
 * @param kind {@code training} or {@code inference}
 * @param accelerators the gang size: the job runs on exactly this many accelerators or not at all
 * @param durationHours run time at full power, simulated hours
 * @param priority higher runs first
 * @param submittedAt simulated time of the submission
 */
public record JobSpec(String jobId, String tenant, String kind, int accelerators, double durationHours, int priority,
        Instant submittedAt) {
}
