package io.terafab.chip.domain;

/**
 * Chips of one SKU (or of one batch) in every state. Immutable: a change returns new counts.
 * Invariant: {@code produced == inStock + reserved + installed + failed + returned + scrapped}.
 */
public record ChipCounts(
        long produced, long inStock, long reserved, long installed, long failed, long returned, long scrapped) {

    public static final ChipCounts NONE = new ChipCounts(0, 0, 0, 0, 0, 0, 0);

    public long count(ChipState state) {
        return switch (state) {
            case IN_STOCK -> inStock;
            case RESERVED -> reserved;
            case INSTALLED -> installed;
            case FAILED -> failed;
            case RETURNED -> returned;
            case SCRAPPED -> scrapped;
        };
    }

    /** New chips that passed final test: they enter stock. */
    ChipCounts plusProduced(long chips) {
        if (chips < 0) {
            throw new IllegalArgumentException("cannot produce " + chips + " chips");
        }
        return new ChipCounts(produced + chips, inStock + chips, reserved, installed, failed, returned, scrapped);
    }

    /** Moves chips from one state to the next; callers have checked the move, so a bad one is a bug. */
    ChipCounts moved(ChipState from, ChipState to, long chips) {
        if (!from.canBecome(to)) {
            throw new IllegalStateException("chips cannot go from " + from + " to " + to);
        }
        if (chips < 0 || chips > count(from)) {
            throw new IllegalStateException(
                    "cannot move " + chips + " chips from " + from + ", " + count(from) + " there");
        }
        long[] c = {inStock, reserved, installed, failed, returned, scrapped};
        c[from.ordinal()] -= chips;
        c[to.ordinal()] += chips;
        return new ChipCounts(produced, c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    /** Chips produced but in no state: 0 while the inventory keeps its conservation law. */
    public long unaccounted() {
        return produced - (inStock + reserved + installed + failed + returned + scrapped);
    }

    public boolean conserved() {
        return unaccounted() == 0
                && produced >= 0
                && inStock >= 0
                && reserved >= 0
                && installed >= 0
                && failed >= 0
                && returned >= 0
                && scrapped >= 0;
    }

    ChipCounts plus(ChipCounts other) {
        return new ChipCounts(
                produced + other.produced,
                inStock + other.inStock,
                reserved + other.reserved,
                installed + other.installed,
                failed + other.failed,
                returned + other.returned,
                scrapped + other.scrapped);
    }
}
