package io.terafab.scheduler.domain;

import io.terafab.platform.model.ModelRejection;
import io.terafab.scheduler.domain.carbon.JobEnergyLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The AI cluster: installed accelerators in racks and pods, the jobs on them and the tenants'
 * queues in front of them, under a facility power budget.
 *
 * <p>Rules kept at every moment: an accelerator is held by at most one job; a job holds its whole
 * gang (running or paused) or nothing (queued or ended); every accepted job is queued, running,
 * paused, or ended exactly once (completed, failed, cancelled). The moves that take a job onto
 * and off the accelerators keep them ({@link JobMoves}). Each step of a job's life is recorded as
 * a {@link JobTransition}, which the caller drains and publishes.
 *
 * <p>A scheduling pass ({@link SchedulingPass}) runs on every tick. After every change that can
 * raise the draw, the power plan caps, pauses or preempts ({@link PowerPlan}), so the draw is
 * within the budget from the moment a budget is applied.
 *
 * <p>Every change either applies completely or throws {@link ModelRejection} having changed
 * nothing: checks first, changes after. Time only moves through {@link #tick(Instant)}. Budgets
 * apply in the order they were issued, and a job's cancellation comes after its submission: a
 * budget issued before the one in force, or a cancellation stamped before the job was submitted,
 * is refused as {@link ModelRejection.Kind#OUT_OF_ORDER}.
 */
public final class Cluster {

    /** The same safety margin as the power plan, so an admitted job never makes the plan shed. */
    private static final double POWER_MARGIN = 1e-12;

    private static final String POWER = "power";

    final ClusterSettings settings;
    final JobEnergyLedger carbon;
    final PowerModel power;
    final Workload workload;
    final Topology topology;
    final FairShare fairShare;
    final JobQueue queue;
    final Map<String, Job> running = new LinkedHashMap<>();
    final Map<String, Job> paused = new LinkedHashMap<>();
    final Map<String, Job> holderOf = new HashMap<>();
    final Set<String> removedAccelerators = new TreeSet<>();
    final Deque<Job> recentlyEnded = new ArrayDeque<>();
    final Set<String> endedIds = new HashSet<>();
    final List<JobTransition> transitions = new ArrayList<>();
    int runningAccelerators;
    int pausedAccelerators;
    final ClusterCounters counters = new ClusterCounters();
    final JobMoves moves = new JobMoves(this);
    Double budgetWatts;
    Instant budgetIssuedAt;
    int poweredIdle;
    Instant lastTickAt;
    CapacityRequest outstandingRequest;
    AcceleratorOutlook outlook;

    /**
     * @param workload the synthetic job stream submitted on every tick, or {@code null} for none
     */
    public Cluster(ClusterSettings settings, Workload workload) {
        if (workload != null) {
            // refused here, not on every tick: a stream job that could never run would fail each tick
            if (workload.largestGang() > settings.maxJobAccelerators()) {
                throw new IllegalArgumentException("the workload's largest gang (" + workload.largestGang()
                        + ") exceeds the largest gang the cluster runs (" + settings.maxJobAccelerators() + ")");
            }
            for (String name : workload.priorityClasses()) {
                if (settings.priorityClasses().byName(name).isEmpty()) {
                    throw new IllegalArgumentException(
                            "the workload submits jobs of priority class " + name + ", which is not configured");
                }
            }
        }
        this.settings = settings;
        this.power = settings.power();
        this.carbon = new JobEnergyLedger(Math.max(1_000, settings.endedHistory()));
        this.workload = workload;
        this.topology = new Topology(settings.racksPerPod());
        this.fairShare = new FairShare(settings.fairShare());
        this.queue = new JobQueue(fairShare);
    }

    // ---- accelerators --------------------------------------------------------------------------

    /**
     * Installs accelerators (an allocation answering {@code requestId}) in a rack; they are free
     * from now on. An allocation for the outstanding capacity request answers it. Returns how
     * many were added.
     */
    public int addAccelerators(String requestId, String rackId, List<String> acceleratorIds) {
        if (rackId == null || rackId.isBlank()) {
            throw ModelRejection.invalid("rack id is required");
        }
        if (acceleratorIds == null || acceleratorIds.isEmpty()) {
            throw ModelRejection.invalid("an allocation needs at least one accelerator id");
        }
        Set<String> seen = new HashSet<>();
        for (String id : acceleratorIds) {
            if (id == null || id.isBlank()) {
                throw ModelRejection.invalid("accelerator ids must not be blank");
            }
            if (!seen.add(id)) {
                throw ModelRejection.notAllowed("accelerator " + id + " appears twice in the allocation");
            }
            if (topology.isInstalled(id)) {
                throw ModelRejection.notAllowed("accelerator " + id + " is already installed (rack "
                        + topology.rackOf(id).orElseThrow() + ")");
            }
            if (removedAccelerators.contains(id)) {
                throw ModelRejection.notAllowed("accelerator " + id + " was removed from the cluster");
            }
        }
        topology.install(rackId, acceleratorIds);
        if (outstandingRequest != null && outstandingRequest.requestId().equals(requestId)) {
            outstandingRequest = null;
        }
        planPower(lastTickAt);
        return acceleratorIds.size();
    }

    /**
     * Takes failed accelerators out of the cluster. A job holding one of them fails; the rest of
     * its gang is free again. Returns the ids of the jobs that failed.
     */
    public List<String> removeAccelerators(List<String> acceleratorIds, String reason, Instant at) {
        if (acceleratorIds == null || acceleratorIds.isEmpty()) {
            throw ModelRejection.invalid("a removal needs at least one accelerator id");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : acceleratorIds) {
            if (id == null || id.isBlank()) {
                throw ModelRejection.invalid("accelerator ids must not be blank");
            }
            if (!ids.add(id)) {
                throw ModelRejection.notAllowed("accelerator " + id + " appears twice in the removal");
            }
            if (removedAccelerators.contains(id)) {
                throw ModelRejection.notAllowed("accelerator " + id + " was already removed");
            }
            if (!topology.isInstalled(id)) {
                throw ModelRejection.unknown("accelerator " + id + " is not installed in the cluster");
            }
        }
        Instant when = at != null ? at : lastTickAt;
        Map<String, String> failedJobs = new LinkedHashMap<>();
        for (String id : ids) {
            Job holder = holderOf.get(id);
            if (holder != null && !failedJobs.containsKey(holder.id())) {
                failedJobs.put(
                        holder.id(),
                        "accelerator " + id + " failed" + (reason == null || reason.isBlank() ? "" : ": " + reason));
            }
        }
        failedJobs.forEach((jobId, why) -> moves.end(findHolding(jobId), JobStatus.FAILED, why, when));
        topology.remove(ids);
        removedAccelerators.addAll(ids);
        planPower(when);
        return List.copyOf(failedJobs.keySet());
    }

    private Job findHolding(String jobId) {
        Job job = running.get(jobId);
        return job != null ? job : paused.get(jobId);
    }

    // ---- power ---------------------------------------------------------------------------------

    /**
     * Caps the facility draw from now on: running jobs are capped, then paused or preempted,
     * lowest priority first, until the draw is within it.
     *
     * @param at when the budget was issued; one issued before the budget in force is refused as out of order
     */
    public void applyBudget(double capWatts, Instant at) {
        if (!(capWatts >= 0) || Double.isInfinite(capWatts)) {
            throw ModelRejection.invalid("budget must be a finite number of watts >= 0, was " + capWatts);
        }
        if (at != null && budgetIssuedAt != null && at.isBefore(budgetIssuedAt)) {
            throw ModelRejection.outOfOrder(
                    "budget issued at " + at + " is older than the one in force, issued at " + budgetIssuedAt);
        }
        budgetWatts = capWatts;
        if (at != null) {
            budgetIssuedAt = at;
        }
        planPower(at != null ? at : lastTickAt);
    }

    private void planPower(Instant at) {
        PowerPlan plan = PowerPlan.of(power, budgetWatts, running.values(), topology.free());
        if (!plan.shed().isEmpty()) {
            for (Job job : plan.shed()) {
                if (job.spec().preemptible()) {
                    moves.preempt(job, POWER, null, at);
                    counters.preemptedForPower++;
                } else {
                    moves.pause(job, POWER, at);
                    counters.pausedForPower++;
                }
            }
            // preempted gangs are free now: plan the shares and idle accelerators again
            plan = PowerPlan.of(power, budgetWatts, running.values(), topology.free());
        }
        for (Job job : running.values()) {
            job.setPowerShare(plan.shareByPriority().getOrDefault(job.spec().priority(), 1.0));
        }
        poweredIdle = plan.poweredIdle();
    }

    /** Accelerators that could start a job now: free, and within the power that leaves every running job its start share. */
    int startableAccelerators() {
        return (int) Math.max(0, Math.min(topology.free(), powerHeadroom()));
    }

    /** More running accelerators the budget admits at the start share. */
    long powerHeadroom() {
        if (budgetWatts == null) {
            return Long.MAX_VALUE / 2;
        }
        double perAccelerator = power.runningWatts(power.startShare());
        if (perAccelerator <= 0) {
            return Long.MAX_VALUE / 2;
        }
        long admitted = (long) Math.floor(power.itWatts(budgetWatts) * (1 - POWER_MARGIN) / perAccelerator);
        return admitted - runningAccelerators;
    }

    // ---- jobs ----------------------------------------------------------------------------------

    /** The job {@link #submit} would accept, or the rejection it would throw; changes nothing. */
    public JobSpec checkAcceptable(JobRequest request) {
        return JobAdmission.specOf(request, settings, this::isKnown);
    }

    /** Accepts a job into its tenant's queue; it starts on a later tick. */
    public Job submit(JobRequest request) {
        JobSpec spec = checkAcceptable(request);
        Job job = new Job(spec, counters.nextSequence++);
        queue.add(job);
        counters.accepted++;
        transitions.add(Transitions.queued(job, spec.submittedAt()));
        return job;
    }

    /** The job {@link #cancel} would cancel, or the rejection it would throw; changes nothing. */
    public Job checkCancellable(String jobId) {
        if (jobId == null || jobId.isBlank()) {
            throw ModelRejection.invalid("jobId is required");
        }
        if (endedIds.contains(jobId)) {
            throw ModelRejection.notAllowed("job " + jobId + " has already ended");
        }
        return activeJob(jobId).orElseThrow(() -> ModelRejection.unknown("no job " + jobId + " was submitted"));
    }

    /**
     * Cancels a queued, running or paused job; a held gang is free again. A cancellation stamped
     * before the job's submission is refused as out of order: it cannot be about this job.
     */
    public Job cancel(String jobId, String reason, Instant at) {
        Job job = checkCancellable(jobId);
        if (at != null && at.isBefore(job.spec().submittedAt())) {
            throw ModelRejection.outOfOrder("cancellation of " + jobId + " at " + at
                    + " is older than its submission at " + job.spec().submittedAt());
        }
        moves.end(job, JobStatus.CANCELLED, reason, at != null ? at : lastTickAt);
        planPower(at != null ? at : lastTickAt);
        return job;
    }

    // ---- time ----------------------------------------------------------------------------------

    /**
     * Moves the cluster to {@code now}: running jobs progress by the elapsed time at their speed
     * and complete when their work is done, tenants accrue usage, the workload's due jobs are
     * submitted, a scheduling pass runs, the power plan is applied, and a capacity request is
     * issued if the queue has waited or grown past its thresholds. A {@code now} before the last
     * tick moves nothing in time.
     */
    public TickReport tick(Instant now) {
        double elapsedSeconds = lastTickAt == null || now.isBefore(lastTickAt)
                ? 0
                : Duration.between(lastTickAt, now).toNanos() / 1e9;
        if (lastTickAt == null || now.isAfter(lastTickAt)) {
            lastTickAt = now;
        }
        progressRunningJobs(elapsedSeconds, now);
        submitWorkloadArrivals(now);
        int considered = new SchedulingPass(this).run(now);
        planPower(now);
        Optional<CapacityRequest> request = requestCapacityIfShort(now);
        return new TickReport(now, power(), considered, request);
    }

    private void progressRunningJobs(double seconds, Instant now) {
        fairShare.accrue(seconds);
        if (seconds <= 0) {
            return;
        }
        List<Job> done = new ArrayList<>();
        for (Job job : running.values()) {
            if (job.work(seconds, power.speed(job.powerShare()))) {
                done.add(job);
            }
        }
        for (Job job : done) {
            moves.end(job, JobStatus.COMPLETED, null, now);
        }
    }

    private void submitWorkloadArrivals(Instant now) {
        if (workload == null) {
            return;
        }
        for (JobRequest request : workload.arrivalsUntil(now)) {
            if (!isKnown(request.jobId())) { // an integrator may have taken the id: the stream skips it
                submit(request);
            }
        }
    }

    private Optional<CapacityRequest> requestCapacityIfShort(Instant now) {
        Optional<CapacityRequest> request = CapacityShortfall.requestFor(
                settings.capacity(),
                outstandingRequest,
                outlook,
                queue,
                topology.free(),
                counters.capacityRequestsIssued + 1,
                now);
        request.ifPresent(r -> {
            counters.capacityRequestsIssued++;
            outstandingRequest = r;
        });
        return request;
    }

    private boolean isKnown(String jobId) {
        return endedIds.contains(jobId) || activeJob(jobId).isPresent();
    }

    private Optional<Job> activeJob(String jobId) {
        Optional<Job> queued = queue.find(jobId);
        if (queued.isPresent()) {
            return queued;
        }
        Job job = running.get(jobId);
        if (job == null) {
            job = paused.get(jobId);
        }
        return Optional.ofNullable(job);
    }

    /** The job steps taken since the last call, oldest first; the caller publishes them. */
    public List<JobTransition> drainTransitions() {
        if (transitions.isEmpty()) {
            return List.of();
        }
        List<JobTransition> drained = List.copyOf(transitions);
        transitions.clear();
        return drained;
    }

    // ---- queries -------------------------------------------------------------------------------

    /** Energy, cost and carbon booked to jobs, and the accelerators' origins (see its package). */
    public JobEnergyLedger carbon() {
        return carbon;
    }

    public Topology topology() {
        return topology;
    }

    public int totalAccelerators() {
        return topology.total();
    }

    /** Accelerators of running jobs. */
    public int busyAccelerators() {
        return runningAccelerators;
    }

    /** Accelerators held by paused jobs. */
    public int pausedAccelerators() {
        return pausedAccelerators;
    }

    public int freeAccelerators() {
        return topology.free();
    }

    /** Busy accelerators over installed ones, 0 for an empty cluster. */
    public double utilization() {
        int total = topology.total();
        return total == 0 ? 0 : (double) runningAccelerators / total;
    }

    /** The job holding an accelerator (running or paused), if any. */
    public Optional<String> jobOn(String acceleratorId) {
        Job job = holderOf.get(acceleratorId);
        return job == null ? Optional.empty() : Optional.of(job.id());
    }

    public JobQueue queue() {
        return queue;
    }

    /** A queued, running, paused or recently ended job. */
    public Optional<Job> findJob(String jobId) {
        Optional<Job> active = activeJob(jobId);
        if (active.isPresent()) {
            return active;
        }
        for (Job job : recentlyEnded) {
            if (job.id().equals(jobId)) {
                return Optional.of(job);
            }
        }
        return Optional.empty();
    }

    /** Whether a job with this id ever ended (also beyond the kept history). */
    public boolean hasEnded(String jobId) {
        return endedIds.contains(jobId);
    }

    /** Running jobs in start order. */
    public List<Job> runningJobs() {
        return List.copyOf(running.values());
    }

    /** Paused jobs in pause order. */
    public List<Job> pausedJobs() {
        return List.copyOf(paused.values());
    }

    /** The latest ended jobs, newest first. */
    public List<Job> recentlyEndedJobs() {
        List<Job> newestFirst = new ArrayList<>(recentlyEnded);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    public List<TenantAccount> tenants() {
        return List.copyOf(fairShare.accounts());
    }

    /** A tenant's fair-share standing: lower goes first. */
    public double standingOf(String tenant) {
        return fairShare.standing(tenant);
    }

    /** Jobs accepted and ended, preemptions, pauses, backfills, decisions and capacity requests so far. */
    public SchedulerState.Counters jobCounts() {
        return counters.state();
    }

    public PowerReading power() {
        return PowerReading.of(
                power,
                running.values(),
                topology.free(),
                poweredIdle,
                runningAccelerators,
                pausedAccelerators,
                budgetWatts);
    }

    /**
     * The latest availability from chip-service replaces the one held (the last read is the latest
     * published: {@code chips.availability} is one partition with one producer, so times are not
     * compared). Capacity requests are capped by it from the next tick on ({@link CapacityShortfall}).
     */
    public void applyAvailability(AcceleratorOutlook next) {
        if (next == null) {
            throw ModelRejection.invalid("an availability is required");
        }
        outlook = next;
    }

    /** The latest availability from chip-service, if any arrived. */
    public Optional<AcceleratorOutlook> outlook() {
        return Optional.ofNullable(outlook);
    }

    /**
     * The backlog's expected wait for accelerators at the last tick (see {@link BacklogWait}): the
     * queue's demand less the free accelerators and the outstanding request's, against the
     * availability.
     */
    public BacklogWait backlogWait() {
        long uncovered = queue.demandAccelerators()
                - topology.free()
                - (outstandingRequest == null ? 0 : outstandingRequest.accelerators());
        return BacklogWait.of(uncovered, outlook, lastTickAt);
    }

    public Optional<CapacityRequest> outstandingRequest() {
        return Optional.ofNullable(outstandingRequest);
    }

    /** Simulated instant the cluster has been moved to, or null before the first tick. */
    public Instant lastTickAt() {
        return lastTickAt;
    }

    public ClusterSettings settings() {
        return settings;
    }

    // ---- snapshots

    public SchedulerState state() {
        return ClusterSnapshot.of(this);
    }

    /** Replaces the whole model by a snapshot taken with {@link #state()}. */
    public void restore(SchedulerState state) {
        ClusterSnapshot.restore(this, state);
    }
}
