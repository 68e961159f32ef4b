package io.terafab.scheduler.domain;

import java.time.Instant;
import java.util.List;

/** The {@link JobTransition} of each step the {@link Cluster} takes, numbered by the job's step count. */
final class Transitions {

    private static final double SECONDS_PER_HOUR = 3600;

    private Transitions() {}

    static JobTransition queued(Job job, Instant at) {
        return new JobTransition.Queued(job.spec(), job.nextTransition(), at);
    }

    static JobTransition started(Job job, Instant at, boolean backfilled, double waitedSeconds, List<String> rackIds) {
        return new JobTransition.Started(
                job.spec(),
                job.nextTransition(),
                at,
                job.spec().accelerators(),
                rackIds.size(), // the gang's racks, named: the same count as its placement's
                job.pods(),
                backfilled,
                waitedSeconds,
                rackIds);
    }

    static JobTransition resumed(Job job, Instant at, String from, double waitedSeconds, List<String> rackIds) {
        return new JobTransition.Resumed(
                job.spec(),
                job.nextTransition(),
                at,
                job.spec().accelerators(),
                rackIds.size(), // the gang's racks, named: the same count as its placement's
                job.pods(),
                from,
                waitedSeconds,
                rackIds);
    }

    static JobTransition preempted(Job job, Instant at, String reason, String forJobId) {
        return new JobTransition.Preempted(job.spec(), job.nextTransition(), at, reason, forJobId, remainingHours(job));
    }

    static JobTransition paused(Job job, Instant at, String reason) {
        return new JobTransition.Paused(job.spec(), job.nextTransition(), at, reason, remainingHours(job));
    }

    /** The end of a job: completed, failed or cancelled; {@code previousState} is the state it ended in. */
    static JobTransition ended(JobStatus outcome, Job job, Instant at, String reason, String previousState) {
        long number = job.nextTransition();
        return switch (outcome) {
            case COMPLETED ->
                new JobTransition.Completed(job.spec(), number, at, job.acceleratorSeconds() / SECONDS_PER_HOUR);
            case FAILED -> new JobTransition.Failed(job.spec(), number, at, reason, remainingHours(job));
            case CANCELLED -> new JobTransition.Cancelled(job.spec(), number, at, previousState, reason);
            default -> throw new IllegalArgumentException(outcome + " does not end a job");
        };
    }

    private static double remainingHours(Job job) {
        return job.remainingWorkSeconds() / SECONDS_PER_HOUR;
    }
}
