package io.terafab.scheduler.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * A step in a job's life, as the model took it: what the service publishes on {@code jobs.events}.
 * Fields that do not apply to a kind are zero or null.
 *
 * @param kind which step
 * @param job the job's spec
 * @param number the job's step count: with the job id it makes an event id a restart re-derives
 * @param at simulated time of the step
 * @param reason why it was preempted, paused, failed or cancelled
 * @param relatedJobId the job a preemption made room for
 * @param accelerators the gang size
 * @param racks racks of the gang (started, resumed)
 * @param pods pods of the gang (started, resumed)
 * @param backfilled started ahead of a reserved job (started)
 * @param waitedSeconds wait since queued or stopped (started, resumed)
 * @param resumedFrom {@code preempted} or {@code paused} (resumed)
 * @param remainingHours work left at full power (preempted, paused, failed)
 * @param acceleratorHours accelerator-hours run (completed)
 * @param previousState state before cancellation (cancelled)
 */
public record JobTransition(Kind kind, JobSpec job, long number, Instant at, String reason, String relatedJobId,
        int accelerators, int racks, int pods, boolean backfilled, double waitedSeconds, String resumedFrom,
        double remainingHours, double acceleratorHours, String previousState) {

    private static final double SECONDS_PER_HOUR = 3600;

    public enum Kind {
        QUEUED, STARTED, PREEMPTED, PAUSED, RESUMED, COMPLETED, FAILED, CANCELLED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean endsJob() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }
    }

    /** Unique per job and step, the same when a restart derives the step again. */
    public String eventId() {
        return job.jobId() + "-" + number + "-" + kind.label();
    }

    static JobTransition queued(Job job, Instant at) {
        return of(Kind.QUEUED, job, at).build();
    }

    static JobTransition started(Job job, Instant at, boolean backfilled, double waitedSeconds) {
        Builder b = of(Kind.STARTED, job, at);
        b.racks = job.racks();
        b.pods = job.pods();
        b.backfilled = backfilled;
        b.waitedSeconds = waitedSeconds;
        return b.build();
    }

    static JobTransition resumed(Job job, Instant at, String from, double waitedSeconds) {
        Builder b = of(Kind.RESUMED, job, at);
        b.racks = job.racks();
        b.pods = job.pods();
        b.resumedFrom = from;
        b.waitedSeconds = waitedSeconds;
        return b.build();
    }

    static JobTransition preempted(Job job, Instant at, String reason, String forJobId) {
        Builder b = of(Kind.PREEMPTED, job, at);
        b.reason = reason;
        b.relatedJobId = forJobId;
        b.remainingHours = job.remainingWorkSeconds() / SECONDS_PER_HOUR;
        return b.build();
    }

    static JobTransition paused(Job job, Instant at, String reason) {
        Builder b = of(Kind.PAUSED, job, at);
        b.reason = reason;
        b.remainingHours = job.remainingWorkSeconds() / SECONDS_PER_HOUR;
        return b.build();
    }

    static JobTransition ended(Kind kind, Job job, Instant at, String reason, String previousState) {
        Builder b = of(kind, job, at);
        b.reason = reason;
        b.previousState = previousState;
        b.remainingHours = job.remainingWorkSeconds() / SECONDS_PER_HOUR;
        b.acceleratorHours = job.acceleratorSeconds() / SECONDS_PER_HOUR;
        return b.build();
    }

    private static Builder of(Kind kind, Job job, Instant at) {
        Builder b = new Builder();
        b.kind = kind;
        b.job = job.spec();
        b.number = job.nextTransition();
        b.at = at;
        b.accelerators = job.spec().accelerators();
        return b;
    }

    private static final class Builder {
        Kind kind;
        JobSpec job;
        long number;
        Instant at;
        String reason;
        String relatedJobId;
        int accelerators;
        int racks;
        int pods;
        boolean backfilled;
        double waitedSeconds;
        String resumedFrom;
        double remainingHours;
        double acceleratorHours;
        String previousState;

        JobTransition build() {
            return new JobTransition(kind, job, number, at, reason, relatedJobId, accelerators, racks, pods, backfilled,
                    waitedSeconds, resumedFrom, remainingHours, acceleratorHours, previousState);
        }
    }
}
