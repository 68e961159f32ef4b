package io.terafab.scheduler.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * When a {@link Cluster} asks chip-service for more accelerators: the queue's demand beyond the
 * free accelerators reached the backlog threshold, or its longest waiting job waited past the
 * wait threshold; in whole racks, and not again before the retry interval of the last request.
 *
 * <p>Availability cap: once chip-service's availability arrived ({@link AcceleratorOutlook}), a
 * request never asks for more than the P50 accelerators available by the end of the coming week
 * (the first forecast week not over), rounded down to whole racks: what cannot be had within the
 * week is not asked for now (chip-service would only backorder it, and a backorder not filled
 * within its TTL is given up). The request is then marked capped ({@code wanted > accelerators}).
 * When less than one rack is available by then, no request is issued: it is delayed, and the
 * shortfall is asked for again on a later tick, once the availability covers a rack. Without an
 * availability (none arrived yet, or every week of it is over) requests are not capped.
 */
final class CapacityShortfall {

    private CapacityShortfall() {}

    /** The request to issue now, numbered {@code number}, or none. */
    static Optional<CapacityRequest> requestFor(
            CapacitySettings capacity,
            CapacityRequest outstanding,
            AcceleratorOutlook outlook,
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
        int wanted = (int) Math.min(Integer.MAX_VALUE - capacity.rackSize(), racks * capacity.rackSize());
        int accelerators = capped(wanted, outlook, capacity.rackSize(), now);
        if (accelerators == 0) {
            return Optional.empty(); // delayed: not a rack available by the coming week
        }
        return Optional.of(new CapacityRequest(
                String.format("capreq-%06d", number),
                accelerators,
                queue.highestPriority().orElse(0),
                now,
                waitedTooLong && shortfall < capacity.backlogThreshold()
                        ? CapacityRequest.Trigger.QUEUE_WAIT
                        : CapacityRequest.Trigger.BACKLOG,
                wanted));
    }

    /** {@code wanted} capped at the coming week's P50 availability in whole racks, or as it is without one. */
    static int capped(int wanted, AcceleratorOutlook outlook, int rackSize, Instant now) {
        if (outlook == null) {
            return wanted;
        }
        OptionalLong available = outlook.comingWeekP50(now);
        if (available.isEmpty()) {
            return wanted;
        }
        long racks = available.getAsLong() / rackSize;
        return (int) Math.min(wanted, racks * rackSize);
    }
}
