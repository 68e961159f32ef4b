package io.terafab.scheduler.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One accepted job. Queued until its whole gang is placed, then running until its work is done;
 * it may be preempted (back to the queue, gang released, work kept) or paused (gang kept, no
 * progress) and resumed any number of times; it ends once, completed, failed or cancelled. Its
 * work is its estimated duration at full power; it progresses at the speed its power share
 * allows. Only the {@link Cluster} changes it.
 */
public final class Job {

    private final JobSpec spec;
    private final long sequence;
    private JobStatus status = JobStatus.QUEUED;
    private Instant queuedAt;
    private Instant startedAt;
    private Instant lastRunAt;
    private Instant stoppedAt;
    private JobStatus stoppedAs;
    private Instant endedAt;
    private String endReason;
    private double remainingWorkSeconds;
    private double acceleratorSeconds;
    private double powerShare = 1;
    private List<String> gang = List.of();
    private int racks;
    private int pods;
    private long transitions;

    Job(JobSpec spec, long sequence) {
        this.spec = spec;
        this.sequence = sequence;
        this.queuedAt = spec.submittedAt();
        this.remainingWorkSeconds = spec.estimatedSeconds();
    }

    public String id() {
        return spec.jobId();
    }

    public JobSpec spec() {
        return spec;
    }

    /** Acceptance order: the tie-break of everything that orders jobs. */
    public long sequence() {
        return sequence;
    }

    public JobStatus status() {
        return status;
    }

    /** When it last entered its queue: its submission, or its last preemption. */
    public Instant queuedAt() {
        return queuedAt;
    }

    /** First start, or null. */
    public Instant startedAt() {
        return startedAt;
    }

    /** Its latest start or resume, or null. */
    public Instant lastRunAt() {
        return lastRunAt;
    }

    /** When it was last preempted or paused, or null. */
    public Instant stoppedAt() {
        return stoppedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    /** Why a failed or cancelled job ended, or null. */
    public String endReason() {
        return endReason;
    }

    /** Work left, in seconds at full power. */
    public double remainingWorkSeconds() {
        return remainingWorkSeconds;
    }

    /** Share of the work done, in [0, 1]. */
    public double progress() {
        return Math.max(0, Math.min(1, 1 - remainingWorkSeconds / spec.estimatedSeconds()));
    }

    /** Accelerator-seconds its gangs ran. */
    public double acceleratorSeconds() {
        return acceleratorSeconds;
    }

    /** The power share it runs at, 1 when uncapped; meaningful while running. */
    public double powerShare() {
        return powerShare;
    }

    /** Its gang while it holds one (running or paused), empty otherwise. */
    public List<String> gang() {
        return gang;
    }

    public int racks() {
        return racks;
    }

    public int pods() {
        return pods;
    }

    /** Whether it ran before and waits to resume rather than to start. */
    boolean wasInterrupted() {
        return stoppedAs != null;
    }

    /** Simulated seconds it has waited since it was queued or stopped. */
    double waitedSeconds(Instant now) {
        Instant since = status == JobStatus.QUEUED ? queuedAt : stoppedAt;
        if (since == null || now.isBefore(since)) {
            return 0;
        }
        return Duration.between(since, now).toNanos() / 1e9;
    }

    /** Numbers the job's lifecycle events, so each gets an id a restart re-derives. */
    long nextTransition() {
        return ++transitions;
    }

    void run(Placement placement, Instant at) {
        status = JobStatus.RUNNING;
        if (startedAt == null) {
            startedAt = at;
        }
        lastRunAt = at;
        gang = placement.accelerators();
        racks = placement.racks();
        pods = placement.pods();
        powerShare = 1;
    }

    void resumeInPlace(Instant at) {
        status = JobStatus.RUNNING;
        lastRunAt = at;
        powerShare = 1;
    }

    void setPowerShare(double share) {
        powerShare = share;
    }

    /** Runs the job for {@code seconds} at {@code speed}; true when its work is done. */
    boolean work(double seconds, double speed) {
        acceleratorSeconds += seconds * spec.accelerators();
        remainingWorkSeconds = Math.max(0, remainingWorkSeconds - seconds * speed);
        return remainingWorkSeconds <= 0;
    }

    void preempt(Instant at) {
        status = JobStatus.QUEUED;
        stoppedAs = JobStatus.QUEUED;
        stoppedAt = at;
        queuedAt = at;
        gang = List.of();
        racks = 0;
        pods = 0;
    }

    void pause(Instant at) {
        status = JobStatus.PAUSED;
        stoppedAs = JobStatus.PAUSED;
        stoppedAt = at;
    }

    /** {@code preempted} or {@code paused}: what it resumes from. */
    String resumedFrom() {
        return stoppedAs == JobStatus.PAUSED ? "paused" : "preempted";
    }

    void end(JobStatus outcome, String reason, Instant at) {
        status = outcome;
        endReason = reason;
        endedAt = at;
        gang = List.of();
        racks = 0;
        pods = 0;
    }

    SchedulerState.JobState state() {
        return new SchedulerState.JobState(
                spec,
                sequence,
                status,
                queuedAt,
                startedAt,
                lastRunAt,
                stoppedAt,
                stoppedAs,
                endedAt,
                endReason,
                remainingWorkSeconds,
                acceleratorSeconds,
                powerShare,
                gang,
                racks,
                pods,
                transitions);
    }

    static Job of(SchedulerState.JobState state) {
        Job job = new Job(state.spec(), state.sequence());
        job.status = state.status();
        job.queuedAt = state.queuedAt();
        job.startedAt = state.startedAt();
        job.lastRunAt = state.lastRunAt();
        job.stoppedAt = state.stoppedAt();
        job.stoppedAs = state.stoppedAs();
        job.endedAt = state.endedAt();
        job.endReason = state.endReason();
        job.remainingWorkSeconds = state.remainingWorkSeconds();
        job.acceleratorSeconds = state.acceleratorSeconds();
        job.powerShare = state.powerShare();
        job.gang = List.copyOf(state.gang());
        job.racks = state.racks();
        job.pods = state.pods();
        job.transitions = state.transitions();
        return job;
    }
}
