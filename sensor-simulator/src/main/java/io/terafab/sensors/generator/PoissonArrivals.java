package io.terafab.sensors.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Arrivals of a Poisson process in simulated time: exponential gaps at a rate that may change
 * between draws (it follows the catalog: more tools, more breakdowns). Arrivals more than
 * {@link #CATCH_UP_LIMIT} behind are dropped rather than replayed in a burst: the simulator was
 * paused, and a fab does not report a day of breakdowns in one second.
 */
final class PoissonArrivals {

    static final Duration CATCH_UP_LIMIT = Duration.ofHours(1);
    private static final double MILLIS_PER_HOUR = 3_600_000;

    private Instant next;

    /**
     * Whether an arrival is due at {@code now}; call again while it answers true.
     *
     * @param perHour arrivals per simulated hour; 0 stops them
     */
    boolean due(Instant now, double perHour, RandomGenerator random) {
        if (!(perHour > 0)) {
            next = null;
            return false;
        }
        if (next == null || Duration.between(next, now).compareTo(CATCH_UP_LIMIT) > 0) {
            next = now.plus(gap(perHour, random));
            return false;
        }
        if (now.isBefore(next)) {
            return false;
        }
        next = next.plus(gap(perHour, random));
        return true;
    }

    /** An exponential duration of the given mean. */
    static Duration exponential(double meanHours, RandomGenerator random) {
        return hours(random.nextExponential() * meanHours);
    }

    /** A duration in hours, exact enough for rates and without overflow for any duration. */
    static double hoursOf(Duration d) {
        return d.getSeconds() / 3600.0 + d.getNano() / 3.6e12;
    }

    static Duration hours(double hours) {
        return Duration.ofMillis(Math.max(1, Math.round(hours * MILLIS_PER_HOUR)));
    }

    private static Duration gap(double perHour, RandomGenerator random) {
        return exponential(1 / perHour, random);
    }
}
