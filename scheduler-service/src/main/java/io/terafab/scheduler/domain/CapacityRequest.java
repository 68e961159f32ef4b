package io.terafab.scheduler.domain;

import java.time.Instant;

/**
 * A request for more accelerators, outstanding until an allocation for it arrives.
 *
 * @param requestId {@code capreq-<6 digits>}, numbered in issue order
 * @param accelerators the queue's shortfall, rounded up to whole racks
 * @param priority the highest priority value among the waiting jobs
 * @param requestedAt simulated time of issue
 * @param trigger which threshold the queue passed
 * @param wanted the shortfall in whole racks before the availability cap ({@link CapacityShortfall}):
 *     more than {@code accelerators} when the request was capped; 0 in snapshots from before it was kept
 */
public record CapacityRequest(
        String requestId, int accelerators, int priority, Instant requestedAt, Trigger trigger, int wanted) {

    /** Whether the availability cap cut the request below the shortfall. */
    public boolean capped() {
        return wanted > accelerators;
    }

    /** Which threshold triggered a request. */
    public enum Trigger {
        /** The queued gangs exceed the free accelerators by the backlog threshold. */
        BACKLOG,
        /** A job has waited longer than the wait threshold (for a shortfall below the backlog threshold). */
        QUEUE_WAIT
    }
}
