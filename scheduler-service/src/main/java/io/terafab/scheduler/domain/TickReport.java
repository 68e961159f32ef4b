package io.terafab.scheduler.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * What one scheduler tick did (its job steps are in {@link Cluster#drainTransitions()}).
 *
 * @param at the simulated instant of the tick
 * @param power the power after the tick's changes, valid until the next change
 * @param decisions queued jobs the scheduling pass considered
 * @param capacityRequest a new capacity request to publish, if one was issued
 */
public record TickReport(Instant at, PowerReading power, int decisions, Optional<CapacityRequest> capacityRequest) {}
