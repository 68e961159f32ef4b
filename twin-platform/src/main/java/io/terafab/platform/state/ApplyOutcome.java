package io.terafab.platform.state;

/** What happened to one inbound record handed to {@link StateKeeper#applyOnce}. */
public enum ApplyOutcome {
    APPLIED,
    /** Its event id was applied before with the same content: the same event published twice. */
    DUPLICATE_ID,
    /** Its offset is behind the applied position: a redelivery, for example after a rebalance. */
    ALREADY_APPLIED_OFFSET
}
