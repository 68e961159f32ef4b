package io.terafab.contract;

import java.time.Instant;

/**
 * A running job was stopped and put back in its queue, its gang released; it keeps the work done
 * (checkpoint and restart) and resumes later (on {@code jobs.events}, key = job id).
 *
 * @param jobId the job (Kafka key)
 * @param tenant its tenant
 * @param reason {@code priority} (a higher priority job waited too long) or {@code power} (the budget)
 * @param preemptedFor the job it made room for, or {@code null} when preempted for power
 * @param remainingHours work left at full power, simulated hours
 * @param preemptedAt simulated time of the preemption
 */
public record JobPreempted(
        String jobId, String tenant, String reason, String preemptedFor, double remainingHours, Instant preemptedAt) {

    public JobPreempted {
        Require.text(jobId, "jobId");
        Require.text(tenant, "tenant");
        Require.text(reason, "reason");
        Require.nonNegative(remainingHours, "remainingHours");
        Require.present(preemptedAt, "preemptedAt");
    }
}
