package io.terafab.contract;

import java.time.Instant;

/**
 * The scheduler accepted a job into its tenant's queue (on {@code jobs.events}, key = job id).
 *
 * @param jobId the job (Kafka key)
 * @param tenant its tenant (queue)
 * @param kind {@code training} or {@code inference}
 * @param accelerators its gang size
 * @param estimatedHours run time at full power, simulated hours
 * @param priorityClass the class it was resolved to
 * @param preemptible whether the scheduler may preempt it for a higher priority job
 * @param queuedAt simulated time of acceptance
 */
public record JobQueued(
        String jobId,
        String tenant,
        String kind,
        int accelerators,
        double estimatedHours,
        String priorityClass,
        boolean preemptible,
        Instant queuedAt) {

    public JobQueued {
        Require.text(jobId, "jobId");
        Require.text(tenant, "tenant");
        Require.text(kind, "kind");
        Require.positive(accelerators, "accelerators");
        Require.positive(estimatedHours, "estimatedHours");
        Require.text(priorityClass, "priorityClass");
        Require.present(queuedAt, "queuedAt");
    }
}
