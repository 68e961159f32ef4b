package io.terafab.scheduler.domain;

/** Where a job is in its life; every accepted job is in exactly one of these. */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED
}
