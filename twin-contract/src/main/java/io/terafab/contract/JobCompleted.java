package io.terafab.contract;

import java.time.Instant;

/**
 * A job finished its work (on {@code jobs.events}, key = job id). Ends the job.
 *
 * @param jobId the job (Kafka key)
 * @param tenant its tenant
 * @param acceleratorHours accelerator-hours its gangs were held while running, simulated
 * @param completedAt simulated time of completion
 */
public record JobCompleted(String jobId, String tenant, double acceleratorHours, Instant completedAt) {

    public JobCompleted {
        Require.text(jobId, "jobId");
        Require.text(tenant, "tenant");
        Require.nonNegative(acceleratorHours, "acceleratorHours");
        Require.present(completedAt, "completedAt");
    }
}
