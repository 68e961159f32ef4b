package io.terafab.scheduler.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The mapping between a {@link Cluster} and its {@link SchedulerState}, both ways. */
final class ClusterSnapshot {

    private ClusterSnapshot() {}

    static SchedulerState of(Cluster c) {
        // queued jobs by acceptance; running and paused ones in the order they entered that state, which is the
        // order the model sums their power in, so a restored model computes the very same figures
        List<SchedulerState.JobState> jobs = new ArrayList<>();
        c.queue.all().forEach(j -> jobs.add(j.state()));
        jobs.sort(Comparator.comparingLong(SchedulerState.JobState::sequence));
        c.running.values().forEach(j -> jobs.add(j.state()));
        c.paused.values().forEach(j -> jobs.add(j.state()));
        return new SchedulerState(
                c.topology.state(),
                List.copyOf(c.removedAccelerators),
                jobs,
                c.recentlyEnded.stream().map(Job::state).toList(),
                c.endedIds.stream().sorted().toList(),
                c.fairShare.state(),
                c.counters.state(),
                c.budgetWatts,
                c.poweredIdle,
                c.lastTickAt,
                c.outstandingRequest,
                c.workload == null ? null : c.workload.state(),
                c.budgetIssuedAt,
                c.carbon.state(),
                c.outlook);
    }

    /** Replaces the whole model by the snapshot: jobs, their gangs and tenants, counters, power and time. */
    static void restore(Cluster c, SchedulerState state) {
        c.queue.clear();
        c.running.clear();
        c.paused.clear();
        c.holderOf.clear();
        c.removedAccelerators.clear();
        c.recentlyEnded.clear();
        c.endedIds.clear();
        c.transitions.clear();
        c.runningAccelerators = 0;
        c.pausedAccelerators = 0;
        c.topology.restore(state.racks());
        c.carbon.restore(state.carbon());
        c.fairShare.restore(state.tenants());
        c.removedAccelerators.addAll(state.removedAccelerators());
        for (SchedulerState.JobState js : state.jobs()) {
            Job job = Job.of(js);
            switch (job.status()) {
                case QUEUED -> c.queue.add(job);
                case RUNNING -> {
                    c.moves.holdGang(job);
                    c.moves.enterRunning(job);
                }
                case PAUSED -> {
                    c.moves.holdGang(job);
                    c.paused.put(job.id(), job);
                    c.pausedAccelerators += job.spec().accelerators();
                }
                default -> throw new IllegalArgumentException("snapshot lists ended job " + job.id() + " as active");
            }
        }
        state.recentlyEnded().forEach(j -> c.recentlyEnded.addLast(Job.of(j)));
        c.endedIds.addAll(state.endedJobIds());
        c.counters.restore(state.counters());
        c.budgetWatts = state.budgetWatts();
        c.budgetIssuedAt = state.budgetIssuedAt();
        c.poweredIdle = state.poweredIdle();
        c.lastTickAt = state.lastTickAt();
        c.outstandingRequest = state.outstandingRequest();
        c.outlook = state.outlook();
        if (c.workload != null && state.workload() != null) {
            c.workload.restore(state.workload());
        }
    }
}
