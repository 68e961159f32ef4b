package io.terafab.contract;

import java.time.Instant;
import java.util.List;

/**
 * A preempted or paused job runs again (on {@code jobs.events}, key = job id): a preempted one on a
 * newly placed gang, a paused one on the gang it kept.
 *
 * @param jobId the job (Kafka key)
 * @param tenant its tenant
 * @param accelerators its gang size
 * @param racks racks the gang spans
 * @param pods pods the gang spans
 * @param after {@code preempted} or {@code paused}
 * @param waitedSeconds simulated time since it stopped
 * @param resumedAt simulated time it runs again
 * @param rackIds the racks the gang spans, as chip-service named them ({@code racks} of them); optional
 *     ({@code null} from producers that do not name them)
 */
public record JobResumed(
        String jobId,
        String tenant,
        int accelerators,
        int racks,
        int pods,
        String after,
        double waitedSeconds,
        Instant resumedAt,
        List<String> rackIds) {

    public JobResumed {
        Require.text(jobId, "jobId");
        Require.text(tenant, "tenant");
        Require.positive(accelerators, "accelerators");
        Require.positive(racks, "racks");
        Require.positive(pods, "pods");
        Require.text(after, "after");
        Require.nonNegative(waitedSeconds, "waitedSeconds");
        Require.present(resumedAt, "resumedAt");
        rackIds = RackIds.check(rackIds, racks);
    }

    /** The first version's fields: no rack ids. */
    public JobResumed(
            String jobId,
            String tenant,
            int accelerators,
            int racks,
            int pods,
            String after,
            double waitedSeconds,
            Instant resumedAt) {
        this(jobId, tenant, accelerators, racks, pods, after, waitedSeconds, resumedAt, null);
    }
}
