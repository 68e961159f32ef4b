package io.terafab.scheduler.domain;

import java.time.Instant;
import java.util.List;

/**
 * One accepted job: queued until its whole gang of accelerators is free, then running until its
 * work is done, then completed. Its work is its duration at full power; it progresses at the
 * cluster's power factor. Only the {@link Cluster} changes it.
 */
public final class Job {

    private static final double SECONDS_PER_HOUR = 3600;

    private final JobSpec spec;
    private final long sequence;
    private JobStatus status;
    private Instant startedAt;
    private Instant completedAt;
    private double remainingWorkSeconds;
    private List<String> accelerators;

    Job(JobSpec spec, long sequence) {
        this.spec = spec;
        this.sequence = sequence;
        this.status = JobStatus.QUEUED;
        this.remainingWorkSeconds = spec.durationHours() * SECONDS_PER_HOUR;
        this.accelerators = List.of();
    }

    public String id() {
        return spec.jobId();
    }

    public JobSpec spec() {
        return spec;
    }

    /** Acceptance order: ties of priority run in this order. */
    public long sequence() {
        return sequence;
    }

    public JobStatus status() {
        return status;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    /** Work left, in seconds at full power. */
    public double remainingWorkSeconds() {
        return remainingWorkSeconds;
    }

    /** Share of the work done, in [0, 1]. */
    public double progress() {
        double total = spec.durationHours() * SECONDS_PER_HOUR;
        return Math.max(0, Math.min(1, 1 - remainingWorkSeconds / total));
    }

    /** The accelerators it runs on: its whole gang while running, none otherwise. */
    public List<String> accelerators() {
        return accelerators;
    }

    void start(List<String> gang, Instant at) {
        status = JobStatus.RUNNING;
        startedAt = at;
        accelerators = List.copyOf(gang);
    }

    /** Runs the job for {@code seconds} of full-power work; true when its work is done. */
    boolean work(double seconds) {
        remainingWorkSeconds = Math.max(0, remainingWorkSeconds - seconds);
        return remainingWorkSeconds == 0;
    }

    void complete(Instant at) {
        status = JobStatus.COMPLETED;
        completedAt = at;
        accelerators = List.of();
    }

    SchedulerState.JobState state() {
        return new SchedulerState.JobState(spec, sequence, status, startedAt, completedAt, remainingWorkSeconds,
                accelerators);
    }

    static Job of(SchedulerState.JobState state) {
        Job job = new Job(state.spec(), state.sequence());
        job.status = state.status();
        job.startedAt = state.startedAt();
        job.completedAt = state.completedAt();
        job.remainingWorkSeconds = state.remainingWorkSeconds();
        job.accelerators = List.copyOf(state.accelerators());
        return job;
    }
}
