package io.terafab.contract;

import java.time.Instant;

/**
 * A preempted or paused job runs again (on {@code jobs.events}, key = job id): a preempted one on a
 * newly placed gang, a paused one on the gang it kept.
 *
 * @param jobId the job
 * @param tenant its tenant
 * @param accelerators its gang size
 * @param racks racks the gang spans
 * @param pods pods the gang spans
 * @param after {@code preempted} or {@code paused}
 * @param waitedSeconds simulated time since it stopped
 * @param resumedAt simulated time it runs again
 */
public record JobResumed(
        String jobId,
        String tenant,
        int accelerators,
        int racks,
        int pods,
        String after,
        double waitedSeconds,
        Instant resumedAt) {

    public JobResumed {
        Require.text(jobId, "jobId");
        Require.text(tenant, "tenant");
        Require.positive(accelerators, "accelerators");
        Require.positive(racks, "racks");
        Require.positive(pods, "pods");
        Require.text(after, "after");
        Require.nonNegative(waitedSeconds, "waitedSeconds");
        Require.present(resumedAt, "resumedAt");
    }
}
