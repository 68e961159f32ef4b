package io.terafab.contract;

import java.time.Instant;

/**
 * A job stopped without finishing, for example because an accelerator of its gang failed (on
 * {@code jobs.events}, key = job id). Ends the job.
 *
 * @param jobId the job (Kafka key)
 * @param tenant its tenant
 * @param reason what failed
 * @param remainingHours work left at full power, simulated hours
 * @param failedAt simulated time of the failure
 */
public record JobFailed(String jobId, String tenant, String reason, double remainingHours, Instant failedAt) {

    public JobFailed {
        Require.text(jobId, "jobId");
        Require.text(tenant, "tenant");
        Require.text(reason, "reason");
        Require.nonNegative(remainingHours, "remainingHours");
        Require.present(failedAt, "failedAt");
    }
}
