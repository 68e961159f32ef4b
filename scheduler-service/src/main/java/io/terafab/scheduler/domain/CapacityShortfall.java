package io.terafab.scheduler.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * When a {@link Cluster} asks chip-service for more accelerators: the queue's demand beyond the
 * free accelerators reached the backlog threshold, or its longest waiting job waited past the
 * wait threshold; in whole racks, and not again before the retry interval of the last request.
 */
final class CapacityShortfall {

    private CapacityShortfall() {}

    /** The request to issue now, numbered {@code number}, or none. */
    static Optional<CapacityRequest> requestFor(
            CapacitySettings capacity,
            CapacityRequest outstanding,
            JobQueue queue,
            int free,
            long number,
            Instant now) {
        if (outstanding != null && now.isBefore(outstanding.requestedAt().plus(capacity.retry()))) {
            return Optional.empty();
        }
        long shortfall = queue.demandAccelerators() - free;
        if (shortfall <= 0) {
            return Optional.empty();
        }
        double longestWait =
                queue.longestWaiting().map(j -> j.waitedSeconds(now)).orElse(0.0);
        boolean waitedTooLong = longestWait >= capacity.waitThreshold().toMillis() / 1000.0;
        if (shortfall < capacity.backlogThreshold() && !waitedTooLong) {
            return Optional.empty();
        }
        long racks = (shortfall + capacity.rackSize() - 1) / capacity.rackSize();
        int accelerators = (int) Math.min(Integer.MAX_VALUE - capacity.rackSize(), racks * capacity.rackSize());
        return Optional.of(new CapacityRequest(
                String.format("capreq-%06d", number),
                accelerators,
                queue.highestPriority().orElse(0),
                now,
                waitedTooLong && shortfall < capacity.backlogThreshold()
                        ? CapacityRequest.Trigger.QUEUE_WAIT
                        : CapacityRequest.Trigger.BACKLOG));
    }
}
