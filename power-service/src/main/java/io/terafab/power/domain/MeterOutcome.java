package io.terafab.power.domain;

/** What became of a meter reading that passed validation. */
public enum MeterOutcome {
    /** Accepted: it overrides the model from the first tick at or after its time. */
    SCHEDULED,
    /** Older than a reading of the same asset and quantity already accepted: ignored, and counted. */
    OUT_OF_ORDER
}
