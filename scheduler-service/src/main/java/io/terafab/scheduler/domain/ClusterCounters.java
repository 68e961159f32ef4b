package io.terafab.scheduler.domain;

/**
 * What a {@link Cluster} has done since its state began, counted for its metrics and its snapshot:
 * jobs accepted and ended, preemptions and pauses, backfills, queued jobs considered, capacity
 * requests issued, and the sequence that orders jobs by acceptance.
 */
final class ClusterCounters {

    long nextSequence;
    long accepted;
    long completed;
    long failed;
    long cancelled;
    long preemptedForPriority;
    long preemptedForPower;
    long pausedForPower;
    long backfilled;
    long decisions;
    long capacityRequestsIssued;

    void ended(JobStatus outcome) {
        switch (outcome) {
            case COMPLETED -> completed++;
            case FAILED -> failed++;
            case CANCELLED -> cancelled++;
            default -> throw new IllegalArgumentException(outcome + " does not end a job");
        }
    }

    SchedulerState.Counters state() {
        return new SchedulerState.Counters(
                nextSequence,
                accepted,
                completed,
                failed,
                cancelled,
                preemptedForPriority,
                preemptedForPower,
                pausedForPower,
                backfilled,
                decisions,
                capacityRequestsIssued);
    }

    void restore(SchedulerState.Counters c) {
        nextSequence = c.nextSequence();
        accepted = c.accepted();
        completed = c.completed();
        failed = c.failed();
        cancelled = c.cancelled();
        preemptedForPriority = c.preemptedForPriority();
        preemptedForPower = c.preemptedForPower();
        pausedForPower = c.pausedForPower();
        backfilled = c.backfilled();
        decisions = c.decisions();
        capacityRequestsIssued = c.capacityRequestsIssued();
    }
}
