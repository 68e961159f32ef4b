package io.terafab.fab.simulation;

/**
 * A seeded stream of random numbers (SplitMix64) whose whole state is one long, so a snapshot
 * can carry it and a restored run draws exactly the numbers the original would have.
 * {@link java.util.SplittableRandom} draws the same way but does not expose its state.
 */
public final class RandomStream {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    public RandomStream(long seed) {
        this.state = seed;
    }

    /** A stream for one purpose (arrivals, processing, failures…), independent of the others of the same seed. */
    public static RandomStream of(long seed, int purpose) {
        return new RandomStream(mix(seed + GOLDEN_GAMMA * (purpose + 1L)));
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public long state() {
        return state;
    }

    public void restore(long savedState) {
        state = savedState;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
