package io.terafab.platform.messaging;

import java.time.Duration;

/**
 * Waits between attempts to deliver what the broker refused: doubling from {@code initial} up to
 * {@code max}, back to {@code initial} once a delivery succeeded. An outage costs a retry every
 * {@code max} at most, and a short hiccup is retried within about a second.
 */
final class RetryBackoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    RetryBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException(
                    "retry backoff needs 0 < initial <= max, was " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The wait before the next attempt; each call doubles the one after, up to the maximum. */
    synchronized Duration next() {
        Duration wait = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }

    synchronized void reset() {
        next = initial;
    }
}
