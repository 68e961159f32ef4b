package io.terafab.scheduler.domain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A step in a job's life, as the model took it: what the service publishes on {@code jobs.events}.
 * One record per kind, each with the figures of its event and nothing else. Every step has:
 * the job's spec; its {@code number}, the job's step count (with the job id it makes an event id a
 * restart re-derives); and {@code at}, the simulated time of the step.
 */
public sealed interface JobTransition {

    JobSpec job();

    long number();

    Instant at();

    Kind kind();

    enum Kind {
        QUEUED,
        STARTED,
        PREEMPTED,
        PAUSED,
        RESUMED,
        COMPLETED,
        FAILED,
        CANCELLED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean endsJob() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }
    }

    /** Unique per job and step, the same when a restart derives the step again. */
    default String eventId() {
        return job().jobId() + "-" + number() + "-" + kind().label();
    }

    /** Accepted into its tenant's queue. */
    record Queued(JobSpec job, long number, Instant at) implements JobTransition {
        public Kind kind() {
            return Kind.QUEUED;
        }
    }

    /**
     * Started on a gang.
     *
     * @param backfilled started ahead of a reserved job
     * @param waitedSeconds wait since queued
     * @param rackIds the racks of the gang, in the order of its accelerators
     */
    record Started(
            JobSpec job,
            long number,
            Instant at,
            int accelerators,
            int racks,
            int pods,
            boolean backfilled,
            double waitedSeconds,
            List<String> rackIds)
            implements JobTransition {
        public Started {
            rackIds = List.copyOf(rackIds);
        }

        public Kind kind() {
            return Kind.STARTED;
        }
    }

    /**
     * Running again after a preemption (on a new gang) or a pause (on its own).
     *
     * @param resumedFrom {@code preempted} or {@code paused}
     * @param waitedSeconds wait since it stopped
     * @param rackIds the racks of the gang, in the order of its accelerators
     */
    record Resumed(
            JobSpec job,
            long number,
            Instant at,
            int accelerators,
            int racks,
            int pods,
            String resumedFrom,
            double waitedSeconds,
            List<String> rackIds)
            implements JobTransition {
        public Resumed {
            rackIds = List.copyOf(rackIds);
        }

        public Kind kind() {
            return Kind.RESUMED;
        }
    }

    /**
     * Stopped and queued again, its gang freed.
     *
     * @param reason {@code priority} or {@code power}
     * @param forJobId the job a preemption for priority made room for, else {@code null}
     * @param remainingHours work left at full power
     */
    record Preempted(JobSpec job, long number, Instant at, String reason, String forJobId, double remainingHours)
            implements JobTransition {
        public Kind kind() {
            return Kind.PREEMPTED;
        }
    }

    /** Stopped where it is, keeping its gang, until the power allows it to go on. */
    record Paused(JobSpec job, long number, Instant at, String reason, double remainingHours) implements JobTransition {
        public Kind kind() {
            return Kind.PAUSED;
        }
    }

    /** Its work done, after {@code acceleratorHours} of its gang's time. */
    record Completed(JobSpec job, long number, Instant at, double acceleratorHours) implements JobTransition {
        public Kind kind() {
            return Kind.COMPLETED;
        }
    }

    /** Ended by a failed accelerator of its gang, with {@code remainingHours} of work left at full power. */
    record Failed(JobSpec job, long number, Instant at, String reason, double remainingHours) implements JobTransition {
        public Kind kind() {
            return Kind.FAILED;
        }
    }

    /** Cancelled in {@code previousState} ({@code queued}, {@code running} or {@code paused}). */
    record Cancelled(JobSpec job, long number, Instant at, String previousState, String reason)
            implements JobTransition {
        public Kind kind() {
            return Kind.CANCELLED;
        }
    }
}
