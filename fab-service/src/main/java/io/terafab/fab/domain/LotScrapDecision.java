package io.terafab.fab.domain;

/**
 * Whether a lot is scrapped at the end of the line: a seeded draw per lot id.
 *
 * <p>The draw is a hash of the seed and the lot id rather than the next number of a random
 * sequence, so it needs no state in the snapshot and does not depend on how time was cut into
 * ticks: the same seed scraps the same lots whatever the tick interval or restarts.
 */
final class LotScrapDecision {

    private final long seed;
    private final double scrapRate;

    LotScrapDecision(long seed, double scrapRate) {
        this.seed = seed;
        this.scrapRate = scrapRate;
    }

    boolean scraps(String lotId) {
        return uniform(lotId) < scrapRate;
    }

    /** A number in [0, 1) from the seed and the lot id. */
    double uniform(String lotId) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the id's characters, then SplitMix64's finalizer with the seed
        for (int i = 0; i < lotId.length(); i++) {
            h ^= lotId.charAt(i);
            h *= 0x100000001b3L;
        }
        long z = h + seed * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
