package io.terafab.chip.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chips counted per simulated hour over a trailing window, for rates that follow the twin's
 * clock rather than the wall clock (an operator wants chips per simulated day, whatever the
 * speed). Hour buckets keep it small: a week is 168 numbers.
 */
final class HourlyTally {

    private static final long SECONDS_PER_HOUR = 3600;

    private final TreeMap<Long, Long> chipsByHour = new TreeMap<>();

    void add(Instant at, long chips) {
        if (chips > 0) {
            chipsByHour.merge(hourOf(at), chips, Long::sum);
        }
    }

    /** Chips per second over the window that ends with the hour of {@code now}. */
    double perSecond(Instant now, Duration window) {
        long last = hourOf(now);
        long hours = window.toHours();
        long sum = chipsByHour.subMap(last - hours, false, last, true).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        return sum / (double) (hours * SECONDS_PER_HOUR);
    }

    /** Forgets hours that left the window. */
    void prune(Instant now, Duration window) {
        chipsByHour.headMap(hourOf(now) - window.toHours(), true).clear();
    }

    Map<Long, Long> state() {
        return new TreeMap<>(chipsByHour);
    }

    void restore(Map<Long, Long> state) {
        chipsByHour.clear();
        if (state != null) {
            chipsByHour.putAll(state);
        }
    }

    private static long hourOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), SECONDS_PER_HOUR);
    }
}
