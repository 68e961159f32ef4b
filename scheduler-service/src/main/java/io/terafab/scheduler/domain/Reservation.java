package io.terafab.scheduler.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * EASY backfill's reservation for the first job that does not fit (Lifka's "shadow time"): the
 * earliest instant enough accelerators will be available for it, from the running jobs'
 * estimated ends, and how many accelerators it will leave over then ({@code extra}). A later job
 * may start ahead of it only if it ends by the shadow time or fits in the extra accelerators,
 * so the reserved job starts no later than it would have.
 *
 * @param jobId the job holding the reservation
 * @param shadowTime when it can start at the latest, by the estimates
 * @param extra accelerators available at the shadow time beyond its gang, not yet promised to a backfilled job
 */
record Reservation(String jobId, Instant shadowTime, int extra) {

    /**
     * @param available accelerators a job could start on now
     * @param running the jobs whose ends free accelerators, with their estimated ends
     * @return empty when the job would not fit even after every running job ended (it waits for capacity, and
     *     holds no reservation so that the cluster is not kept idle for it)
     */
    static Optional<Reservation> forJob(Job job, int available, Collection<EstimatedEnd> running) {
        List<EstimatedEnd> byEnd = new ArrayList<>(running);
        byEnd.sort(Comparator.comparing(EstimatedEnd::at)
                .thenComparingLong(e -> e.job().sequence()));
        long sum = available;
        int gang = job.spec().accelerators();
        for (EstimatedEnd end : byEnd) {
            sum += end.job().spec().accelerators();
            if (sum >= gang) {
                return Optional.of(new Reservation(job.id(), end.at(), (int) (sum - gang)));
            }
        }
        return Optional.empty();
    }

    /** The reservation after a backfilled job took {@code accelerators} of the extra ones. */
    Reservation withExtraTaken(int accelerators) {
        return new Reservation(jobId, shadowTime, extra - accelerators);
    }

    /**
     * A running job and when it is estimated to end at its current speed.
     *
     * @param job the job
     * @param at its estimated end
     */
    record EstimatedEnd(Job job, Instant at) {}
}
