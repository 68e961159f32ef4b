package io.terafab.contract;

import java.time.Instant;
import java.util.List;

/**
 * A queued job started on its whole gang for the first time (on {@code jobs.events}, key = job id).
 *
 * @param jobId the job (Kafka key)
 * @param tenant its tenant
 * @param accelerators its gang size
 * @param racks racks the gang spans
 * @param pods pods the gang spans
 * @param backfilled whether it started ahead of a higher-ranked job whose reserved start it does not delay
 * @param waitedSeconds simulated time it waited in the queue
 * @param startedAt simulated time of the start
 * @param rackIds the racks the gang spans, as chip-service named them ({@code racks} of them); optional
 *     ({@code null} from producers that do not name them)
 */
public record JobStarted(
        String jobId,
        String tenant,
        int accelerators,
        int racks,
        int pods,
        boolean backfilled,
        double waitedSeconds,
        Instant startedAt,
        List<String> rackIds) {

    public JobStarted {
        Require.text(jobId, "jobId");
        Require.text(tenant, "tenant");
        Require.positive(accelerators, "accelerators");
        Require.positive(racks, "racks");
        Require.positive(pods, "pods");
        Require.nonNegative(waitedSeconds, "waitedSeconds");
        Require.present(startedAt, "startedAt");
        rackIds = RackIds.check(rackIds, racks);
    }

    /** The first version's fields: no rack ids. */
    public JobStarted(
            String jobId,
            String tenant,
            int accelerators,
            int racks,
            int pods,
            boolean backfilled,
            double waitedSeconds,
            Instant startedAt) {
        this(jobId, tenant, accelerators, racks, pods, backfilled, waitedSeconds, startedAt, null);
    }
}
