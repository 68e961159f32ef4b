package io.terafab.scheduler.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one scheduler tick did.
 *
 * @param at the simulated instant of the tick
 * @param power the power after the tick's changes, valid until the next change
 * @param startedJobIds jobs started this tick, in start order
 * @param completedJobIds jobs completed this tick
 * @param capacityRequest a new capacity request to publish, if one was issued
 */
public record TickReport(Instant at, PowerReading power, List<String> startedJobIds, List<String> completedJobIds,
        Optional<CapacityRequest> capacityRequest) {

    public TickReport {
        startedJobIds = List.copyOf(startedJobIds);
        completedJobIds = List.copyOf(completedJobIds);
    }
}
