package io.terafab.scheduler.domain;

import java.util.Locale;

/**
 * Where a job is in its life; every accepted job is in exactly one of these. The last three end
 * it, once: nothing happens to a job after it ended.
 */
public enum JobStatus {
    /** Waiting in its tenant's queue, holding no accelerator (first submitted, or preempted). */
    QUEUED,
    /** Running on its whole gang. */
    RUNNING,
    /** Suspended in place for power: holds its gang, draws nothing, makes no progress. */
    PAUSED,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean ended() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The gang is held in these states, and only in these. */
    public boolean holdsGang() {
        return this == RUNNING || this == PAUSED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
