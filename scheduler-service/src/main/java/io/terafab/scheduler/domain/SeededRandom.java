package io.terafab.scheduler.domain;

/**
 * SplitMix64: a small, fast generator whose whole state is one {@code long}, so a snapshot can
 * carry it and a restored twin draws exactly the numbers the original would have drawn
 * ({@link java.util.Random} hides its state).
 */
public final class SeededRandom {

    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public long state() {
        return state;
    }
}
