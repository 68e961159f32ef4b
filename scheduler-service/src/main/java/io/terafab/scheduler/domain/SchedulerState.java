package io.terafab.scheduler.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the scheduler needs to resume, as plain data for snapshots. Accelerators are kept
 * per rack (which accelerators are busy follows from the running jobs' gangs).
 *
 * @param acceleratorsByRack installed accelerator ids per rack id, sorted
 * @param queued waiting jobs in start order
 * @param running running jobs in start order
 * @param recentlyCompleted the latest completed jobs, oldest first
 * @param completedJobIds every completed job's id, so a reused id is still refused
 * @param acceptedJobs jobs ever accepted
 * @param completedJobs jobs ever completed
 * @param nextSequence acceptance number of the next job
 * @param budgetWatts the facility power cap, or null before the first budget
 * @param powerFactor the share of full power running jobs get
 * @param lastTickAt simulated instant of the last tick, or null before the first
 * @param capacityRequestsIssued capacity requests issued so far (numbers their ids)
 * @param outstandingRequest the unanswered capacity request, or null
 * @param workload the synthetic job stream's position, or null when it is off
 */
public record SchedulerState(Map<String, List<String>> acceleratorsByRack, List<JobState> queued, List<JobState> running,
        List<JobState> recentlyCompleted, List<String> completedJobIds, long acceptedJobs, long completedJobs,
        long nextSequence, Double budgetWatts, double powerFactor, Instant lastTickAt, long capacityRequestsIssued,
        CapacityRequest outstandingRequest, Workload.WorkloadState workload) {

    /**
     * One job as plain data.
     *
     * @param spec what it asked for
     * @param sequence acceptance order
     * @param status queued, running or completed
     * @param startedAt null while queued
     * @param completedAt null until completed
     * @param remainingWorkSeconds work left at full power
     * @param accelerators its gang while running, empty otherwise
     */
    public record JobState(JobSpec spec, long sequence, JobStatus status, Instant startedAt, Instant completedAt,
            double remainingWorkSeconds, List<String> accelerators) {
    }
}
