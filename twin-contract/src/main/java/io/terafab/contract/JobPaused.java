package io.terafab.contract;

import java.time.Instant;

/**
 * A running job that may not be preempted was suspended in place to keep the data center within
 * its power budget: it keeps its gang, draws no power and makes no progress until it resumes (on
 * {@code jobs.events}, key = job id).
 *
 * @param jobId the job (Kafka key)
 * @param tenant its tenant
 * @param reason why ({@code power})
 * @param remainingHours work left at full power, simulated hours
 * @param pausedAt simulated time of the pause
 */
public record JobPaused(String jobId, String tenant, String reason, double remainingHours, Instant pausedAt) {

    public JobPaused {
        Require.text(jobId, "jobId");
        Require.text(tenant, "tenant");
        Require.text(reason, "reason");
        Require.nonNegative(remainingHours, "remainingHours");
        Require.present(pausedAt, "pausedAt");
    }
}
