package io.terafab.contract;

import java.time.Instant;

/**
 * A job was cancelled on request (on {@code jobs.events}, key = job id). Ends the job; a running
 * or paused job's gang is released.
 *
 * @param jobId the job (Kafka key)
 * @param tenant its tenant
 * @param previousState {@code queued}, {@code running} or {@code paused}
 * @param reason the reason given with the request, or {@code null}
 * @param cancelledAt simulated time of the cancellation
 */
public record JobCancelled(String jobId, String tenant, String previousState, String reason, Instant cancelledAt) {

    public JobCancelled {
        Require.text(jobId, "jobId");
        Require.text(tenant, "tenant");
        Require.text(previousState, "previousState");
        Require.present(cancelledAt, "cancelledAt");
    }
}
