package io.terafab.scheduler.domain;

import io.terafab.scheduler.domain.carbon.JobEnergyLedger;
import java.time.Instant;
import java.util.List;

/**
 * Everything the scheduler needs to resume, as plain data for snapshots. Which accelerators are
 * busy follows from the gangs of the running and paused jobs; tenants' running and queued figures
 * follow from the jobs.
 *
 * @param racks racks in arrival order (which fixes their pods) with their installed accelerators
 * @param removedAccelerators accelerators taken out, so a second removal is refused as such
 * @param jobs every queued, running or paused job
 * @param recentlyEnded the latest ended jobs, oldest first
 * @param endedJobIds every ended job's id, so a reused id is still refused
 * @param tenants each tenant's usage
 * @param counters jobs accepted, ended, preempted, and the like, since the state began
 * @param budgetWatts the facility power cap, or null before the first budget
 * @param poweredIdle free accelerators powered under the current budget
 * @param lastTickAt simulated instant of the last tick, or null before the first
 * @param outstandingRequest the unanswered capacity request, or null
 * @param workload the synthetic job stream's position, or null when it is off
 * @param budgetIssuedAt when the budget in force was issued, or null (before the first budget, or
 *     in a snapshot from before budgets were ordered)
 * @param carbon energy, cost and carbon booked to jobs; {@code null} in snapshots from before it was kept
 * @param outlook chip-service's latest accelerator availability; {@code null} before one arrived and in
 *     snapshots from before it was kept (requests are then not capped until the next one arrives)
 */
public record SchedulerState(
        List<RackState> racks,
        List<String> removedAccelerators,
        List<JobState> jobs,
        List<JobState> recentlyEnded,
        List<String> endedJobIds,
        List<TenantState> tenants,
        Counters counters,
        Double budgetWatts,
        int poweredIdle,
        Instant lastTickAt,
        CapacityRequest outstandingRequest,
        Workload.WorkloadState workload,
        Instant budgetIssuedAt,
        JobEnergyLedger.State carbon,
        AcceleratorOutlook outlook) {

    /**
     * One rack.
     *
     * @param rackId as chip-service named it
     * @param accelerators installed accelerator ids, sorted
     */
    public record RackState(String rackId, List<String> accelerators) {}

    /**
     * One tenant's usage.
     *
     * @param tenant the tenant
     * @param decayedUsageSeconds accelerator-seconds with exponential decay (fair share)
     * @param totalUsageSeconds accelerator-seconds since the state began
     */
    public record TenantState(String tenant, double decayedUsageSeconds, double totalUsageSeconds) {}

    /**
     * Counts since the state began.
     *
     * @param nextSequence acceptance number of the next job
     * @param accepted jobs accepted
     * @param completed jobs completed
     * @param failed jobs failed
     * @param cancelled jobs cancelled
     * @param preemptedForPriority preemptions that made room for a higher priority job
     * @param preemptedForPower preemptions that kept the draw within the budget
     * @param pausedForPower pauses that kept the draw within the budget
     * @param backfilled jobs started by backfill
     * @param decisions queued jobs considered by scheduling passes
     * @param capacityRequestsIssued capacity requests issued (numbers their ids)
     */
    public record Counters(
            long nextSequence,
            long accepted,
            long completed,
            long failed,
            long cancelled,
            long preemptedForPriority,
            long preemptedForPower,
            long pausedForPower,
            long backfilled,
            long decisions,
            long capacityRequestsIssued) {}

    /**
     * One job as plain data (see {@link Job} for the fields).
     */
    public record JobState(
            JobSpec spec,
            long sequence,
            JobStatus status,
            Instant queuedAt,
            Instant startedAt,
            Instant lastRunAt,
            Instant stoppedAt,
            JobStatus stoppedAs,
            Instant endedAt,
            String endReason,
            double remainingWorkSeconds,
            double acceleratorSeconds,
            double powerShare,
            List<String> gang,
            int racks,
            int pods,
            long transitions) {}
}
