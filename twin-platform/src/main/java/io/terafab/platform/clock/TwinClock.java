package io.terafab.platform.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Simulated time of the twin: {@code epoch + (wall - anchor) * speed}.
 *
 * <p>Every service computes the same simulated instant from the same three settings, so their
 * events agree on time without exchanging clock messages. The anchor is a wall-clock instant
 * shared by all services of one run (the local runner fixes it when the campus first starts), so a
 * single service that restarts resumes at the campus's current simulated time rather than at the
 * epoch.
 */
public final class TwinClock {

    private final Instant epoch;
    private final Instant anchor;
    private final double speed;
    private final Clock wall;

    public TwinClock(Instant epoch, Instant anchor, double speed, Clock wall) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("twin clock speed must be a positive finite number, was " + speed);
        }
        this.epoch = epoch;
        this.anchor = anchor;
        this.speed = speed;
        this.wall = wall;
    }

    /** The simulated instant now. */
    public Instant now() {
        return toSimulated(wall.instant());
    }

    /** The simulated instant that corresponds to a wall-clock instant. */
    public Instant toSimulated(Instant wallInstant) {
        long wallNanos = Duration.between(anchor, wallInstant).toNanos();
        return epoch.plusNanos(Math.round(wallNanos * speed));
    }

    /** How much simulated time passes during a wall-clock duration. */
    public Duration simulatedDuration(Duration wallDuration) {
        return Duration.ofNanos(Math.round(wallDuration.toNanos() * speed));
    }

    public Instant epoch() {
        return epoch;
    }

    public Instant anchor() {
        return anchor;
    }

    public double speed() {
        return speed;
    }
}
