package io.terafab.power.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What the grid knows of one consumer: its latest reading. Before its first reading a consumer
 * demands nothing; a consumer that reports no floor can shed all its load (floor 0).
 */
public final class ConsumerLoad {

    private double demandMw;
    private double drawMw;
    private double floorMw;
    private Instant lastReadingAt;

    public double demandMw() {
        return demandMw;
    }

    public double drawMw() {
        return drawMw;
    }

    /** The least it can draw without stopping, as it last reported: never above its demand. */
    public double floorMw() {
        return floorMw;
    }

    /** Simulated time of the latest reading applied, or null before the first. */
    public Instant lastReadingAt() {
        return lastReadingAt;
    }

    /** Silent for longer than the timeout; a consumer never heard from is not stale, just idle. */
    public boolean staleAt(Instant now, Duration timeout) {
        return lastReadingAt != null && Duration.between(lastReadingAt, now).compareTo(timeout) > 0;
    }

    boolean isOlderThanLatest(Instant at) {
        return lastReadingAt != null && at.isBefore(lastReadingAt);
    }

    void apply(double demandMw, double drawMw, double floorMw, Instant at) {
        this.demandMw = demandMw;
        this.drawMw = drawMw;
        this.floorMw = floorMw;
        this.lastReadingAt = at;
    }

    // for snapshots
    public ConsumerLoadState state() {
        return new ConsumerLoadState(demandMw, drawMw, lastReadingAt, floorMw);
    }

    static ConsumerLoad of(ConsumerLoadState state) {
        ConsumerLoad load = new ConsumerLoad();
        load.demandMw = state.demandMw();
        load.drawMw = state.drawMw();
        load.lastReadingAt = state.lastReadingAt();
        // snapshots from before floors were reported read 0: no floor until the next reading
        load.floorMw = Math.min(state.floorMw(), state.demandMw());
        return load;
    }

    /** A consumer's load as plain data for snapshots. */
    public record ConsumerLoadState(double demandMw, double drawMw, Instant lastReadingAt, double floorMw) {}
}
