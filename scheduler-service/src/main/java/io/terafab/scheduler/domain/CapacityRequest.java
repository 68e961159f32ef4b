package io.terafab.scheduler.domain;

import java.time.Instant;

/**
 * A request for more accelerators, outstanding until an allocation for it arrives.
 *
 * @param requestId {@code capreq-<6 digits>}, numbered in issue order
 * @param accelerators whole racks' worth
 * @param priority the highest priority among the jobs waiting for it
 * @param requestedAt simulated time of issue
 */
public record CapacityRequest(String requestId, int accelerators, int priority, Instant requestedAt) {
}
