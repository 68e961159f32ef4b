package io.terafab.scheduler.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The AI cluster: installed accelerators, the jobs on them and the queue in front of them, under
 * a facility power budget.
 *
 * <p>Rules kept at every moment: an accelerator runs at most one job; a job runs on its whole gang
 * or not at all; every accepted job is queued, running or completed, exactly once. Jobs start
 * strictly in queue order (priority, then arrival) when the head's gang fits in the free
 * accelerators. Running jobs progress at the power factor, the largest share of full power that
 * keeps the facility draw within the budget; it is recomputed on every change, so a new budget
 * holds from the moment it is applied.
 *
 * <p>Every change either applies completely or throws {@link ClusterRejection} having changed
 * nothing: checks first, changes after. Time only moves through {@link #tick(Instant)}.
 */
public final class Cluster {

    private static final Set<String> KINDS = Set.of("training", "inference");

    private final ClusterSettings settings;
    private final PowerModel power;
    private final Workload workload;

    private final Map<String, String> rackOf = new TreeMap<>();
    private final TreeSet<String> free = new TreeSet<>();
    private final Map<String, String> jobOnAccelerator = new HashMap<>();
    private final JobQueue queue = new JobQueue();
    private final Map<String, Job> running = new LinkedHashMap<>();
    private final Deque<Job> recentlyCompleted = new ArrayDeque<>();
    private final Set<String> completedIds = new TreeSet<>();
    private long acceptedJobs;
    private long completedJobs;
    private long nextSequence;
    private Double budgetWatts;
    private double powerFactor = 1;
    private Instant lastTickAt;
    private long capacityRequestsIssued;
    private CapacityRequest outstandingRequest;

    /**
     * @param workload the synthetic job stream submitted on every tick, or {@code null} for none
     */
    public Cluster(ClusterSettings settings, Workload workload) {
        if (workload != null && workload.largestGang() > settings.maxJobAccelerators()) {
            // refused here, not on every tick: a stream job that could never run would fail each tick
            throw new IllegalArgumentException("the workload's largest gang (" + workload.largestGang()
                    + ") exceeds the largest gang the cluster runs (" + settings.maxJobAccelerators() + ")");
        }
        this.settings = settings;
        this.power = new PowerModel(settings.acceleratorWatts(), settings.idleWatts(), settings.pue());
        this.workload = workload;
    }

    // ---- changes -------------------------------------------------------------------------------

    /**
     * Installs accelerators (an allocation answering {@code requestId}); they are free from now on.
     * An allocation for the outstanding capacity request answers it. Returns how many were added.
     */
    public int addAccelerators(String requestId, String rackId, List<String> acceleratorIds) {
        if (rackId == null || rackId.isBlank()) {
            throw ClusterRejection.invalid("rack id is required");
        }
        if (acceleratorIds == null || acceleratorIds.isEmpty()) {
            throw ClusterRejection.invalid("an allocation needs at least one accelerator id");
        }
        Set<String> seen = new HashSet<>();
        for (String id : acceleratorIds) {
            if (id == null || id.isBlank()) {
                throw ClusterRejection.invalid("accelerator ids must not be blank");
            }
            if (!seen.add(id)) {
                throw ClusterRejection.notAllowed("accelerator " + id + " appears twice in the allocation");
            }
            if (rackOf.containsKey(id)) {
                throw ClusterRejection.notAllowed("accelerator " + id + " is already installed (rack "
                        + rackOf.get(id) + ")");
            }
        }
        for (String id : acceleratorIds) {
            rackOf.put(id, rackId);
            free.add(id);
        }
        if (outstandingRequest != null && outstandingRequest.requestId().equals(requestId)) {
            outstandingRequest = null;
        }
        updatePowerFactor();
        return acceleratorIds.size();
    }

    /** Caps the facility draw; running jobs slow down at once if the draw would exceed it. */
    public void applyBudget(double capWatts) {
        if (!(capWatts >= 0) || Double.isInfinite(capWatts)) {
            throw ClusterRejection.invalid("budget must be a finite number of watts >= 0, was " + capWatts);
        }
        budgetWatts = capWatts;
        updatePowerFactor();
    }

    /** Throws the rejection {@link #submit} would throw for this job, changing nothing. */
    public void checkAcceptable(JobSpec spec) {
        if (spec == null) {
            throw ClusterRejection.invalid("job is required");
        }
        requireText(spec.jobId(), "jobId");
        requireText(spec.tenant(), "tenant");
        if (!KINDS.contains(spec.kind())) {
            throw ClusterRejection.invalid("kind must be one of " + new TreeSet<>(KINDS) + ", was " + spec.kind());
        }
        if (spec.accelerators() < 1) {
            throw ClusterRejection.invalid("accelerators must be > 0, was " + spec.accelerators());
        }
        if (spec.accelerators() > settings.maxJobAccelerators()) {
            throw ClusterRejection.invalid("job " + spec.jobId() + " asks for " + spec.accelerators()
                    + " accelerators, more than the largest gang the cluster runs (" + settings.maxJobAccelerators()
                    + "): it could never run");
        }
        if (!(spec.durationHours() > 0) || Double.isInfinite(spec.durationHours())) {
            throw ClusterRejection.invalid("durationHours must be a finite number > 0, was " + spec.durationHours());
        }
        if (spec.submittedAt() == null) {
            throw ClusterRejection.invalid("submission time is required");
        }
        if (isKnown(spec.jobId())) {
            throw ClusterRejection.notAllowed("job " + spec.jobId() + " was already submitted");
        }
    }

    /** Accepts a job into the queue; it starts on a later tick when its gang is free. */
    public Job submit(JobSpec spec) {
        checkAcceptable(spec);
        Job job = new Job(spec, nextSequence++);
        queue.add(job);
        acceptedJobs++;
        return job;
    }

    /**
     * Moves the cluster to {@code now}: running jobs progress by the elapsed time at the power
     * factor and complete when their work is done (their accelerators are free again), the
     * workload's due jobs are submitted, queued jobs start in order while the head's gang fits, a
     * capacity request is issued if the queue needs more accelerators than are free, and the
     * power factor is set for the new load. A {@code now} before the last tick moves nothing.
     */
    public TickReport tick(Instant now) {
        double elapsedSeconds = lastTickAt == null || now.isBefore(lastTickAt) ? 0
                : Duration.between(lastTickAt, now).toNanos() / 1e9;
        if (lastTickAt == null || now.isAfter(lastTickAt)) {
            lastTickAt = now;
        }
        List<String> completed = progressRunningJobs(elapsedSeconds * powerFactor, now);
        submitWorkloadArrivals(now);
        List<String> started = startQueuedJobs(now);
        Optional<CapacityRequest> request = requestCapacityIfShort(now);
        updatePowerFactor();
        return new TickReport(now, power(), started, completed, request);
    }

    private List<String> progressRunningJobs(double fullPowerSeconds, Instant now) {
        List<Job> done = new ArrayList<>();
        for (Job job : running.values()) {
            if (job.work(fullPowerSeconds)) {
                done.add(job);
            }
        }
        List<String> ids = new ArrayList<>(done.size());
        for (Job job : done) {
            complete(job, now);
            ids.add(job.id());
        }
        return ids;
    }

    private void complete(Job job, Instant now) {
        for (String accelerator : job.accelerators()) {
            jobOnAccelerator.remove(accelerator);
            free.add(accelerator);
        }
        running.remove(job.id());
        job.complete(now);
        completedIds.add(job.id());
        completedJobs++;
        recentlyCompleted.addLast(job);
        while (recentlyCompleted.size() > settings.completedHistory()) {
            recentlyCompleted.removeFirst();
        }
    }

    private void submitWorkloadArrivals(Instant now) {
        if (workload == null) {
            return;
        }
        for (JobSpec spec : workload.arrivalsUntil(now)) {
            if (!isKnown(spec.jobId())) { // an integrator may have taken the id: the stream skips it
                submit(spec);
            }
        }
    }

    private List<String> startQueuedJobs(Instant now) {
        List<String> started = new ArrayList<>();
        while (!queue.isEmpty() && queue.head().orElseThrow().spec().accelerators() <= free.size()) {
            Job job = queue.removeHead();
            List<String> gang = new ArrayList<>(job.spec().accelerators());
            for (int i = 0; i < job.spec().accelerators(); i++) {
                String accelerator = free.pollFirst();
                jobOnAccelerator.put(accelerator, job.id());
                gang.add(accelerator);
            }
            job.start(gang, now);
            running.put(job.id(), job);
            started.add(job.id());
        }
        return started;
    }

    private Optional<CapacityRequest> requestCapacityIfShort(Instant now) {
        if (outstandingRequest != null
                && now.isBefore(outstandingRequest.requestedAt().plus(settings.capacityRequestRetry()))) {
            return Optional.empty();
        }
        long shortfall = queue.demandAccelerators() - free.size();
        if (shortfall < settings.capacityRequestThreshold()) {
            return Optional.empty();
        }
        long racks = (shortfall + settings.rackSize() - 1) / settings.rackSize();
        int accelerators = (int) Math.min(Integer.MAX_VALUE, racks * settings.rackSize());
        capacityRequestsIssued++;
        outstandingRequest = new CapacityRequest(String.format("capreq-%06d", capacityRequestsIssued), accelerators,
                queue.highestPriority(), now);
        return Optional.of(outstandingRequest);
    }

    private void updatePowerFactor() {
        powerFactor = power.factorWithin(busyAccelerators(), freeAccelerators(), budgetWatts);
    }

    private boolean isKnown(String jobId) {
        return queue.find(jobId).isPresent() || running.containsKey(jobId) || completedIds.contains(jobId);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ClusterRejection.invalid(field + " is required");
        }
    }

    // ---- queries -------------------------------------------------------------------------------

    public int totalAccelerators() {
        return rackOf.size();
    }

    public int busyAccelerators() {
        return jobOnAccelerator.size();
    }

    public int freeAccelerators() {
        return free.size();
    }

    /** The job an accelerator runs, if any. */
    public Optional<String> jobOn(String acceleratorId) {
        return Optional.ofNullable(jobOnAccelerator.get(acceleratorId));
    }

    public Optional<String> rackOf(String acceleratorId) {
        return Optional.ofNullable(rackOf.get(acceleratorId));
    }

    public JobQueue queue() {
        return queue;
    }

    /** A queued, running or recently completed job. */
    public Optional<Job> findJob(String jobId) {
        Optional<Job> queued = queue.find(jobId);
        if (queued.isPresent()) {
            return queued;
        }
        if (running.containsKey(jobId)) {
            return Optional.of(running.get(jobId));
        }
        return recentlyCompleted.stream().filter(j -> j.id().equals(jobId)).findFirst();
    }

    /** Running jobs in start order. */
    public List<Job> runningJobs() {
        return List.copyOf(running.values());
    }

    /** The latest completed jobs, newest first. */
    public List<Job> recentlyCompletedJobs() {
        List<Job> newestFirst = new ArrayList<>(recentlyCompleted);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    public long acceptedJobs() {
        return acceptedJobs;
    }

    public long completedJobs() {
        return completedJobs;
    }

    public PowerReading power() {
        int busy = busyAccelerators();
        int idle = freeAccelerators();
        return new PowerReading(power.drawWatts(busy, idle, 1), power.drawWatts(busy, idle, powerFactor), budgetWatts,
                powerFactor);
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

    // ---- snapshots -----------------------------------------------------------------------------

    public SchedulerState state() {
        Map<String, List<String>> byRack = new TreeMap<>();
        rackOf.forEach((accelerator, rack) -> byRack.computeIfAbsent(rack, r -> new ArrayList<>()).add(accelerator));
        return new SchedulerState(byRack,
                queue.inOrder().stream().map(Job::state).toList(),
                running.values().stream().map(Job::state).toList(),
                recentlyCompleted.stream().map(Job::state).toList(),
                List.copyOf(completedIds), acceptedJobs, completedJobs, nextSequence, budgetWatts, powerFactor,
                lastTickAt, capacityRequestsIssued, outstandingRequest, workload == null ? null : workload.state());
    }

    /** Replaces the whole model by a snapshot taken with {@link #state()}. */
    public void restore(SchedulerState state) {
        rackOf.clear();
        free.clear();
        jobOnAccelerator.clear();
        queue.clear();
        running.clear();
        recentlyCompleted.clear();
        completedIds.clear();
        state.acceleratorsByRack().forEach((rack, ids) -> ids.forEach(id -> rackOf.put(id, rack)));
        free.addAll(rackOf.keySet());
        state.queued().forEach(j -> queue.add(Job.of(j)));
        for (SchedulerState.JobState j : state.running()) {
            Job job = Job.of(j);
            running.put(job.id(), job);
            for (String accelerator : job.accelerators()) {
                free.remove(accelerator);
                jobOnAccelerator.put(accelerator, job.id());
            }
        }
        state.recentlyCompleted().forEach(j -> recentlyCompleted.addLast(Job.of(j)));
        completedIds.addAll(state.completedJobIds());
        acceptedJobs = state.acceptedJobs();
        completedJobs = state.completedJobs();
        nextSequence = state.nextSequence();
        budgetWatts = state.budgetWatts();
        powerFactor = state.powerFactor();
        lastTickAt = state.lastTickAt();
        capacityRequestsIssued = state.capacityRequestsIssued();
        outstandingRequest = state.outstandingRequest();
        if (workload != null && state.workload() != null) {
            workload.restore(state.workload());
        }
    }
}
