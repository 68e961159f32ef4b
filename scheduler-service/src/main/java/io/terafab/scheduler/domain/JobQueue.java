package io.terafab.scheduler.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Jobs waiting for accelerators, in the order they may start: higher priority first, then
 * earlier acceptance. The order is the one extension point later policies (fair share, backfill)
 * replace; the queue also keeps the total accelerators its jobs wait for.
 */
public final class JobQueue {

    /** Priority descending, then acceptance order. */
    public static final Comparator<Job> PRIORITY_THEN_ARRIVAL = Comparator
            .comparingInt((Job job) -> -job.spec().priority())
            .thenComparingLong(Job::sequence);

    private final TreeSet<Job> jobs = new TreeSet<>(PRIORITY_THEN_ARRIVAL);
    private final Map<String, Job> byId = new HashMap<>();
    private long demandAccelerators;

    void add(Job job) {
        if (jobs.add(job)) {
            byId.put(job.id(), job);
            demandAccelerators += job.spec().accelerators();
        }
    }

    /** The job that starts next, if any. */
    public Optional<Job> head() {
        return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.first());
    }

    Job removeHead() {
        Job job = jobs.pollFirst();
        byId.remove(job.id());
        demandAccelerators -= job.spec().accelerators();
        return job;
    }

    public Optional<Job> find(String jobId) {
        return Optional.ofNullable(byId.get(jobId));
    }

    public int size() {
        return jobs.size();
    }

    public boolean isEmpty() {
        return jobs.isEmpty();
    }

    /** Accelerators all queued gangs together wait for. */
    public long demandAccelerators() {
        return demandAccelerators;
    }

    /** The highest priority waiting, or 0 when nothing waits. */
    public int highestPriority() {
        return jobs.isEmpty() ? 0 : jobs.first().spec().priority();
    }

    /** Queued jobs in start order. */
    public List<Job> inOrder() {
        return new ArrayList<>(jobs);
    }

    void clear() {
        jobs.clear();
        byId.clear();
        demandAccelerators = 0;
    }
}
