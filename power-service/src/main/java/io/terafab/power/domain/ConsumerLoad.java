package io.terafab.power.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What the grid knows of one consumer: its latest reading and how many readings arrived late.
 * Before its first reading a consumer demands nothing.
 */
public final class ConsumerLoad {

    private double demandMw;
    private double drawMw;
    private Instant lastReadingAt;
    private long outOfOrderReadings;

    public double demandMw() {
        return demandMw;
    }

    public double drawMw() {
        return drawMw;
    }

    /** Simulated time of the latest reading applied, or null before the first. */
    public Instant lastReadingAt() {
        return lastReadingAt;
    }

    /** Readings ignored because they were older than one already applied. */
    public long outOfOrderReadings() {
        return outOfOrderReadings;
    }

    /** Silent for longer than the timeout; a consumer never heard from is not stale, just idle. */
    public boolean staleAt(Instant now, Duration timeout) {
        return lastReadingAt != null && Duration.between(lastReadingAt, now).compareTo(timeout) > 0;
    }

    boolean isOlderThanLatest(Instant at) {
        return lastReadingAt != null && at.isBefore(lastReadingAt);
    }

    void apply(double demandMw, double drawMw, Instant at) {
        this.demandMw = demandMw;
        this.drawMw = drawMw;
        this.lastReadingAt = at;
    }

    void countOutOfOrder() {
        outOfOrderReadings++;
    }

    // for snapshots
    public ConsumerLoadState state() {
        return new ConsumerLoadState(demandMw, drawMw, lastReadingAt, outOfOrderReadings);
    }

    static ConsumerLoad of(ConsumerLoadState state) {
        ConsumerLoad load = new ConsumerLoad();
        load.demandMw = state.demandMw();
        load.drawMw = state.drawMw();
        load.lastReadingAt = state.lastReadingAt();
        load.outOfOrderReadings = state.outOfOrderReadings();
        return load;
    }

    /** A consumer's load as plain data for snapshots. */
    public record ConsumerLoadState(double demandMw, double drawMw, Instant lastReadingAt, long outOfOrderReadings) {
    }
}
