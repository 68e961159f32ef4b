package io.terafab.scheduler.domain;

import java.time.Instant;

/**
 * A submission as it arrives, before the scheduler resolved its priority class.
 *
 * @param jobId unique across the life of the cluster
 * @param tenant the tenant (queue) it waits in and is accounted to
 * @param kind {@code training} or {@code inference}
 * @param accelerators the gang size
 * @param estimatedHours run time at full power, simulated hours
 * @param priority integer priority of version 1 submissions, or null
 * @param priorityClass a configured class name, or null
 * @param preemptible whether it may be preempted, or null for the class's default
 * @param submittedAt simulated time of the submission
 */
public record JobRequest(
        String jobId,
        String tenant,
        String kind,
        int accelerators,
        double estimatedHours,
        Integer priority,
        String priorityClass,
        Boolean preemptible,
        Instant submittedAt) {}
