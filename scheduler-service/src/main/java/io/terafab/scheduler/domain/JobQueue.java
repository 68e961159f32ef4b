package io.terafab.scheduler.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Jobs waiting for accelerators: one FIFO per tenant within each priority class (like Kueue's
 * local queues under a cluster queue). The start order is by class, highest first; within a
 * class the tenant with the lowest fair-share standing goes next, its oldest job first (a
 * preempted job keeps its place). Keeps each tenant's queued figures in its account.
 */
public final class JobQueue {

    private static final Comparator<Job> BY_SEQUENCE = Comparator.comparingLong(Job::sequence);
    private static final Comparator<Job> BY_QUEUED_AT =
            Comparator.comparing(Job::queuedAt).thenComparingLong(Job::sequence);

    private final FairShare fairShare;
    private final TreeMap<Integer, Map<String, TreeSet<Job>>> byClass = new TreeMap<>(Collections.reverseOrder());
    private final Map<String, Job> byId = new HashMap<>();
    private final TreeSet<Job> byQueuedAt = new TreeSet<>(BY_QUEUED_AT);
    private long demandAccelerators;

    JobQueue(FairShare fairShare) {
        this.fairShare = fairShare;
    }

    void add(Job job) {
        if (byId.putIfAbsent(job.id(), job) != null) {
            return;
        }
        byClass.computeIfAbsent(job.spec().priority(), p -> new TreeMap<>())
                .computeIfAbsent(job.spec().tenant(), t -> new TreeSet<>(BY_SEQUENCE))
                .add(job);
        byQueuedAt.add(job);
        demandAccelerators += job.spec().accelerators();
        TenantAccount account = fairShare.account(job.spec().tenant());
        account.queuedJobs++;
        account.queuedAccelerators += job.spec().accelerators();
    }

    void remove(Job job) {
        if (byId.remove(job.id()) == null) {
            return;
        }
        Map<String, TreeSet<Job>> tenants = byClass.get(job.spec().priority());
        TreeSet<Job> jobs = tenants.get(job.spec().tenant());
        jobs.remove(job);
        if (jobs.isEmpty()) {
            tenants.remove(job.spec().tenant());
            if (tenants.isEmpty()) {
                byClass.remove(job.spec().priority());
            }
        }
        byQueuedAt.remove(job);
        demandAccelerators -= job.spec().accelerators();
        TenantAccount account = fairShare.account(job.spec().tenant());
        account.queuedJobs--;
        account.queuedAccelerators -= job.spec().accelerators();
    }

    public Optional<Job> find(String jobId) {
        return Optional.ofNullable(byId.get(jobId));
    }

    public int size() {
        return byId.size();
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /** Accelerators all queued gangs together wait for. */
    public long demandAccelerators() {
        return demandAccelerators;
    }

    /** The highest priority value waiting, if any. */
    public Optional<Integer> highestPriority() {
        return byClass.isEmpty() ? Optional.empty() : Optional.of(byClass.firstKey());
    }

    /** The job that has waited longest since it was queued, if any. */
    public Optional<Job> longestWaiting() {
        return byQueuedAt.isEmpty() ? Optional.empty() : Optional.of(byQueuedAt.first());
    }

    /** Jobs queued at or before {@code cutoff} with a priority above {@code priority}, highest first, then longest waiting. */
    List<Job> queuedNoLaterThan(Instant cutoff, int priority) {
        List<Job> waiters = new ArrayList<>();
        for (Job job : byQueuedAt) {
            if (job.queuedAt().isAfter(cutoff)) {
                break;
            }
            if (job.spec().priority() > priority) {
                waiters.add(job);
            }
        }
        waiters.sort(Comparator.comparingInt((Job j) -> -j.spec().priority()).thenComparing(BY_QUEUED_AT));
        return waiters;
    }

    /** Queued jobs in start order, at most {@code limit}. */
    public List<Job> inOrder(int limit) {
        List<Job> jobs = new ArrayList<>();
        StartOrder order = startOrder();
        for (Job job = order.next(); job != null && jobs.size() < limit; job = order.next()) {
            jobs.add(job);
        }
        return jobs;
    }

    /** Every queued job, in no particular order. */
    Iterable<Job> all() {
        return byId.values();
    }

    /** A walk over the queue in start order that sees starts made during the walk (see {@link StartOrder}). */
    StartOrder startOrder() {
        return new StartOrder(new ArrayList<>(byClass.keySet()).iterator(), byClass, fairShare);
    }

    void clear() {
        for (Job job : new ArrayList<>(byId.values())) {
            remove(job);
        }
    }

    /**
     * The start order, produced one job at a time: a tenant's standing is read again after each
     * job it gets, so a start made by the caller between two calls moves its tenant back.
     */
    static final class StartOrder {

        private final Iterator<Integer> classes;
        private final Map<Integer, Map<String, TreeSet<Job>>> byClass;
        private final FairShare fairShare;
        private final PriorityQueue<Cursor> tenants = new PriorityQueue<>(Cursor.ORDER);
        private Cursor last;

        private StartOrder(
                Iterator<Integer> classes, Map<Integer, Map<String, TreeSet<Job>>> byClass, FairShare fairShare) {
            this.classes = classes;
            this.byClass = byClass;
            this.fairShare = fairShare;
        }

        /** The next job, or null when every queued job was seen. */
        Job next() {
            if (last != null) {
                last.job = last.jobs.higher(last.job);
                if (last.job != null) {
                    last.standing = fairShare.standing(last.tenant);
                    tenants.add(last);
                }
                last = null;
            }
            while (tenants.isEmpty()) {
                if (!classes.hasNext()) {
                    return null;
                }
                // the classes and tenants as they are now: the walk's caller starts and preempts jobs,
                // which changes the queue's maps
                Map<String, TreeSet<Job>> ofClass = byClass.getOrDefault(classes.next(), Map.of());
                for (Map.Entry<String, TreeSet<Job>> e : new ArrayList<>(ofClass.entrySet())) {
                    if (!e.getValue().isEmpty()) {
                        tenants.add(new Cursor(
                                e.getKey(), e.getValue(), e.getValue().first(), fairShare.standing(e.getKey())));
                    }
                }
            }
            last = tenants.poll();
            return last.job;
        }

        private static final class Cursor {

            static final Comparator<Cursor> ORDER = Comparator.comparingDouble((Cursor c) -> c.standing)
                    .thenComparingLong(c -> c.job.sequence())
                    .thenComparing(c -> c.tenant);

            final String tenant;
            final TreeSet<Job> jobs;
            Job job;
            double standing;

            Cursor(String tenant, TreeSet<Job> jobs, Job job, double standing) {
                this.tenant = tenant;
                this.jobs = jobs;
                this.job = job;
                this.standing = standing;
            }
        }
    }
}
