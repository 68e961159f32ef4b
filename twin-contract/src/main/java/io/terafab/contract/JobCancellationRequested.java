package io.terafab.contract;

/**
 * Someone asks to cancel a job (on {@code jobs.requests}, keyed by the job id, so it stays in
 * order with the job's submission). A job already ended, or never submitted, is refused.
 *
 * @param jobId the job (Kafka key)
 * @param reason why, for the record; optional
 */
public record JobCancellationRequested(String jobId, String reason) {

    public JobCancellationRequested {
        Require.text(jobId, "jobId");
        if (reason != null && reason.isBlank()) {
            throw new InvalidEventException("reason must be text or absent");
        }
    }
}
