package io.terafab.scheduler.domain;

import java.time.Duration;

/**
 * When the scheduler asks chip-service for more accelerators: when the queued gangs exceed the
 * free accelerators by at least {@code backlogThreshold}, or by any amount once the longest
 * waiting job has waited {@code waitThreshold}. Requests come in whole racks; one is outstanding
 * at a time, asked again after {@code retry} without an answer.
 *
 * @param backlogThreshold accelerators short that trigger a request at once
 * @param waitThreshold queue wait that triggers a request for any shortfall
 * @param rackSize accelerators per rack: requests are rounded up to whole racks
 * @param retry how long a request may stay unanswered before the scheduler asks again
 */
public record CapacitySettings(int backlogThreshold, Duration waitThreshold, int rackSize, Duration retry) {

    public CapacitySettings {
        if (backlogThreshold < 1) {
            throw new IllegalArgumentException(
                    "capacity backlog threshold must be at least 1, was " + backlogThreshold);
        }
        requirePositive(waitThreshold, "capacity wait threshold");
        if (rackSize < 1) {
            throw new IllegalArgumentException("rack size must be at least 1, was " + rackSize);
        }
        requirePositive(retry, "capacity request retry");
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, was " + d);
        }
    }
}
