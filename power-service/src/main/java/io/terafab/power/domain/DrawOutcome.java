package io.terafab.power.domain;

/** What became of a power-draw reading. */
public enum DrawOutcome {
    /** It is the consumer's latest demand now. */
    APPLIED,
    /** It is older than a reading already applied: ignored, and counted on the consumer. */
    OUT_OF_ORDER
}
