package io.terafab.sensors.kafka;

/**
 * Paces sends at a target rate as a token bucket: a send every {@code 1/rate}, and after a stall
 * (a slow send, a GC pause) the late sends go out at once, but never more than the bucket holds:
 * {@link #CATCH_UP} of sends at the current rate, at least one. Sends missed beyond that are not
 * made up, so a long stall is followed by a short burst and the rate, never by a flood.
 *
 * <p>Time is passed in (nanoseconds of any monotonic clock), so tests drive it with a fake clock.
 * Thread-safe: the rate may change while another thread paces.
 */
public final class Pacer {

    /** The bound on catching up, as time at the target rate. */
    public static final double CATCH_UP = 0.2;
    /** How long to wait when paused (rate 0) before asking again. */
    static final long PAUSED_WAIT_NANOS = 100_000_000;

    private static final double NANOS_PER_SECOND = 1e9;
    /**
     * Tokens are summed in floating point: a slot earned to within this is earned (0.1 added ten
     * times is not quite 1).
     */
    private static final double ROUNDING = 1e-9;

    private double rate;
    private double capacity;
    private double tokens;
    private long lastNanos;

    /**
     * @param ratePerSecond target rate; {@link Double#POSITIVE_INFINITY} for full speed, 0 to pause
     * @param nowNanos the clock now
     */
    public Pacer(double ratePerSecond, long nowNanos) {
        requireRate(ratePerSecond);
        this.rate = ratePerSecond;
        this.capacity = capacityAt(ratePerSecond);
        this.tokens = 1;
        this.lastNanos = nowNanos;
    }

    /** Full speed: never waits. */
    public static Pacer unlimited(long nowNanos) {
        return new Pacer(Double.POSITIVE_INFINITY, nowNanos);
    }

    /**
     * Takes a send slot if one is free at {@code nowNanos} and answers 0; otherwise answers how long
     * to wait before asking again.
     */
    public synchronized long acquire(long nowNanos) {
        if (rate == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (rate == 0) {
            lastNanos = nowNanos;
            return PAUSED_WAIT_NANOS;
        }
        refill(nowNanos);
        if (tokens >= 1 - ROUNDING) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / rate * NANOS_PER_SECOND));
    }

    /**
     * Changes the target rate from {@code nowNanos} on; what was earned at the old rate is kept,
     * within the new bound.
     */
    public synchronized void setRate(double ratePerSecond, long nowNanos) {
        requireRate(ratePerSecond);
        if (rate > 0 && rate != Double.POSITIVE_INFINITY) {
            refill(nowNanos);
        }
        rate = ratePerSecond;
        capacity = capacityAt(ratePerSecond);
        tokens = Math.min(tokens, capacity);
        lastNanos = nowNanos;
    }

    public synchronized double rate() {
        return rate;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * rate / NANOS_PER_SECOND);
            lastNanos = nowNanos;
        }
    }

    private static double capacityAt(double rate) {
        return Math.max(1, rate * CATCH_UP);
    }

    private static void requireRate(double rate) {
        if (!(rate >= 0)) {
            throw new IllegalArgumentException("rate must be >= 0 events/s (0 pauses), was " + rate);
        }
    }
}
