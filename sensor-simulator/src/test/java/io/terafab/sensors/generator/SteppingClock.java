package io.terafab.sensors.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Simulated time that advances by a fixed step each time it is read: one step per record. */
final class SteppingClock implements Supplier<Instant> {

    static final Instant EPOCH = Instant.parse("2027-01-01T00:00:00Z");

    private final Duration step;
    private Instant now;

    SteppingClock(Duration step) {
        this(EPOCH, step);
    }

    SteppingClock(Instant start, Duration step) {
        this.now = start;
        this.step = step;
    }

    @Override
    public Instant get() {
        Instant t = now;
        now = now.plus(step);
        return t;
    }
}
