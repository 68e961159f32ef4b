package io.terafab.scheduler.domain;

import java.time.Instant;

/**
 * How a {@link Cluster}'s jobs move onto and off its accelerators: a job ends, is preempted back to
 * its queue or paused in place, and is counted as running or made the holder of its gang (as the
 * {@link SchedulingPass} starts or resumes it, or a snapshot restores it). Each move keeps all of
 * its books: the running and paused jobs and their accelerator tallies, the tenants' running
 * accounts, each accelerator's holder and the topology's free ones, the ended history and outcome
 * counts, and the recorded {@link JobTransition}.
 *
 * <p>Kept in one place so that no move updates one of these books and forgets another: after each
 * move an accelerator is held by at most one job, and a job holds its whole gang (running or
 * paused) or nothing (queued or ended). Whether a move is allowed is decided before it, by the
 * cluster and its scheduling pass: the moves only keep the books.
 */
final class JobMoves {

    private final Cluster cluster;

    JobMoves(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Ends a queued, running or paused job as {@code outcome}; a held gang is free again. */
    void end(Job job, JobStatus outcome, String reason, Instant at) {
        String previous = job.status().label();
        switch (job.status()) {
            case QUEUED -> cluster.queue.remove(job);
            case RUNNING -> {
                leaveRunning(job);
                releaseGang(job);
            }
            case PAUSED -> {
                cluster.paused.remove(job.id());
                cluster.pausedAccelerators -= job.spec().accelerators();
                releaseGang(job);
            }
            default -> throw new IllegalStateException("job " + job.id() + " has already ended");
        }
        job.end(outcome, reason, at);
        cluster.endedIds.add(job.id());
        cluster.recentlyEnded.addLast(job);
        while (cluster.recentlyEnded.size() > cluster.settings.endedHistory()) {
            cluster.recentlyEnded.removeFirst();
        }
        cluster.counters.ended(outcome);
        cluster.transitions.add(Transitions.ended(outcome, job, at, reason, previous));
    }

    /** Sends a running job back to its tenant's queue; its gang is free again. */
    void preempt(Job job, String reason, String forJobId, Instant at) {
        leaveRunning(job);
        releaseGang(job);
        job.preempt(at);
        cluster.queue.add(job);
        cluster.transitions.add(Transitions.preempted(job, at, reason, forJobId));
    }

    /** Stops a running job in place: it keeps its gang until it resumes or ends. */
    void pause(Job job, String reason, Instant at) {
        leaveRunning(job);
        cluster.paused.put(job.id(), job);
        cluster.pausedAccelerators += job.spec().accelerators();
        job.pause(at);
        cluster.transitions.add(Transitions.paused(job, at, reason));
    }

    /** Counts a job as running, for the cluster and for its tenant. */
    void enterRunning(Job job) {
        cluster.running.put(job.id(), job);
        cluster.runningAccelerators += job.spec().accelerators();
        TenantAccount account = cluster.fairShare.account(job.spec().tenant());
        account.runningAccelerators += job.spec().accelerators();
        account.runningJobs++;
    }

    /** Takes a job's gang from the free accelerators and marks the job as their holder. */
    void holdGang(Job job) {
        cluster.topology.take(job.gang());
        for (String accelerator : job.gang()) {
            cluster.holderOf.put(accelerator, job);
        }
    }

    /** Undoes {@link #enterRunning}. */
    private void leaveRunning(Job job) {
        cluster.running.remove(job.id());
        cluster.runningAccelerators -= job.spec().accelerators();
        TenantAccount account = cluster.fairShare.account(job.spec().tenant());
        account.runningAccelerators -= job.spec().accelerators();
        account.runningJobs--;
    }

    /** Frees a job's gang: no longer held by it, and free in the topology again. */
    private void releaseGang(Job job) {
        for (String accelerator : job.gang()) {
            cluster.holderOf.remove(accelerator);
        }
        cluster.topology.release(job.gang());
    }
}
