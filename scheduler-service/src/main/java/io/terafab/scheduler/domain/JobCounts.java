package io.terafab.scheduler.domain;

/**
 * What the cluster has done with jobs since its state began, as operators and metrics read it.
 *
 * @param accepted jobs accepted into the queue
 * @param completed jobs that ran to the end
 * @param failed jobs that failed (e.g. an accelerator of their gang failed)
 * @param cancelled jobs cancelled
 * @param preemptedForPriority running jobs preempted for a higher-priority job
 * @param preemptedForPower running jobs preempted to fit the power budget
 * @param pausedForPower running jobs paused to fit the power budget
 * @param backfilled jobs started ahead of a waiting larger job without delaying it
 * @param decisions queued jobs considered by scheduling passes
 */
public record JobCounts(
        long accepted,
        long completed,
        long failed,
        long cancelled,
        long preemptedForPriority,
        long preemptedForPower,
        long pausedForPower,
        long backfilled,
        long decisions) {}
