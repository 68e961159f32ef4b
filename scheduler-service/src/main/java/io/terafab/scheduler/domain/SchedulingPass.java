package io.terafab.scheduler.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One scheduling pass of a {@link Cluster}: paused jobs resume when the power
 * allows; a job that waited beyond the preemption bound preempts lower priority preemptible jobs
 * if that makes room ({@link PriorityPreemption}); then queued jobs start in order (priority class,
 * then the tenant with the lowest fair-share standing, {@link FairShare}) on gangs packed by
 * topology ({@link GangPlacement}); the first job that does not fit gets a reservation and later
 * ones start only if they do not delay it (EASY backfill, {@link Reservation}). A job starts only
 * if the accelerators are free and the power budget still gives every running job its start share.
 */
final class SchedulingPass {

    private static final String PRIORITY = "priority";

    private final Cluster cluster;

    SchedulingPass(Cluster cluster) {
        this.cluster = cluster;
    }

    /** One scheduling pass; returns the queued jobs it considered. */
    int run(Instant now) {
        resumePausedJobs(now);
        preemptForLongWaiters(now);
        return startQueuedJobs(now);
    }

    private void resumePausedJobs(Instant now) {
        if (cluster.paused.isEmpty()) {
            return;
        }
        List<Job> highestFirst = new ArrayList<>(cluster.paused.values());
        highestFirst.sort(
                Comparator.comparingInt((Job j) -> -j.spec().priority()).thenComparingLong(Job::sequence));
        for (Job job : highestFirst) {
            if (job.spec().accelerators() <= cluster.powerHeadroom()) {
                double waited = job.waitedSeconds(now);
                cluster.paused.remove(job.id());
                cluster.pausedAccelerators -= job.spec().accelerators();
                cluster.moves.enterRunning(job);
                job.resumeInPlace(now);
                cluster.transitions.add(
                        Transitions.resumed(job, now, "paused", waited, cluster.topology.racksOf(job.gang())));
            }
        }
    }

    private void preemptForLongWaiters(Instant now) {
        PriorityPreemption preemption = new PriorityPreemption(cluster.running.values());
        if (preemption.isEmpty()) {
            return;
        }
        List<Job> waiters = cluster.queue.queuedNoLaterThan(
                now.minus(cluster.settings.preemptionWait()), preemption.lowestPriority());
        for (Job waiter : waiters) {
            if (waiter.status() != JobStatus.QUEUED) {
                continue; // a victim of an earlier preemption in this pass
            }
            long needed = waiter.spec().accelerators() - (long) cluster.startableAccelerators();
            if (needed <= 0) {
                continue; // it fits: the start order decides when it goes
            }
            Optional<List<Job>> victims = preemption.victimsFor(waiter, needed);
            if (victims.isEmpty()) {
                continue;
            }
            for (Job victim : victims.get()) {
                cluster.moves.preempt(victim, PRIORITY, waiter.id(), now);
                cluster.counters.preemptedForPriority++;
            }
            start(waiter, now, false);
            preemption = new PriorityPreemption(cluster.running.values());
        }
    }

    /** Starts queued jobs in order with EASY backfill; returns the jobs considered. */
    private int startQueuedJobs(Instant now) {
        int considered = 0;
        int available = cluster.startableAccelerators();
        double slowestSpeed = slowestRunningSpeed();
        Reservation reservation = null;
        JobQueue.StartOrder order = cluster.queue.startOrder();
        for (Job job = order.next(); job != null && available > 0; job = order.next()) {
            considered++;
            int gang = job.spec().accelerators();
            if (gang > available) {
                if (reservation == null) {
                    reservation = Reservation.forJob(job, available, estimatedEnds(now))
                            .orElse(null);
                }
                continue;
            }
            if (reservation == null) {
                start(job, now, false);
            } else if (!endAt(now, job.remainingWorkSeconds(), slowestSpeed).isAfter(reservation.shadowTime())) {
                start(job, now, true);
            } else if (gang <= reservation.extra()) {
                reservation = reservation.withExtraTaken(gang);
                start(job, now, true);
            } else {
                continue;
            }
            available = cluster.startableAccelerators();
        }
        cluster.counters.decisions += considered;
        return considered;
    }

    private void start(Job job, Instant now, boolean backfill) {
        double waited = job.waitedSeconds(now);
        boolean resuming = job.wasInterrupted();
        cluster.queue.remove(job);
        Placement placement = cluster.topology
                .place(job.spec().accelerators())
                .orElseThrow(() -> new IllegalStateException("no room for job " + job.id() + " after admission"));
        for (String accelerator : placement.accelerators()) {
            cluster.holderOf.put(accelerator, job);
        }
        cluster.moves.enterRunning(job);
        job.run(placement, now);
        if (backfill) {
            cluster.counters.backfilled++;
        }
        List<String> rackIds = cluster.topology.racksOf(placement.accelerators());
        cluster.transitions.add(
                resuming
                        ? Transitions.resumed(job, now, "preempted", waited, rackIds)
                        : Transitions.started(job, now, backfill, waited, rackIds));
    }

    /** Running jobs with their estimated ends at their current speeds. */
    private List<Reservation.EstimatedEnd> estimatedEnds(Instant now) {
        List<Reservation.EstimatedEnd> ends = new ArrayList<>(cluster.running.size());
        for (Job job : cluster.running.values()) {
            double speed = cluster.power.speed(job.powerShare());
            ends.add(new Reservation.EstimatedEnd(job, endAt(now, job.remainingWorkSeconds(), speed)));
        }
        return ends;
    }

    /**
     * The speed a backfill candidate is assumed to run at: the slowest of the running jobs (it
     * would be capped like them), so its estimated end is never optimistic.
     */
    private double slowestRunningSpeed() {
        double slowest = 1;
        for (Job job : cluster.running.values()) {
            slowest = Math.min(slowest, cluster.power.speed(job.powerShare()));
        }
        return slowest;
    }

    private static Instant endAt(Instant now, double workSeconds, double speed) {
        if (speed <= 0) {
            return Instant.MAX;
        }
        double seconds = workSeconds / speed;
        if (seconds > 1e15) {
            return Instant.MAX;
        }
        return now.plusNanos((long) Math.ceil(seconds * 1e9));
    }
}
