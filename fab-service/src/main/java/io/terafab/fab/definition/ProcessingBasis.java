package io.terafab.fab.definition;

/** What a step's processing time is for: one wafer, one lot, or one batch of lots. */
public enum ProcessingBasis {
    PER_WAFER,
    PER_LOT,
    PER_BATCH
}
