package io.terafab.scheduler.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which running jobs to preempt so that a higher priority job that waited beyond the bound can
 * start: only preemptible jobs of a strictly lower priority, lowest priority first and, within a
 * priority, the most recently started first (the least work interrupted). All or nothing: if the
 * candidates together cannot make room, none is preempted.
 */
final class PriorityPreemption {

    private static final Comparator<Job> VICTIM_ORDER = PowerPlan.SHED_ORDER;

    private final List<Job> candidates;
    private final long[] acceleratorsUpTo;

    /** Candidates among {@code running}; build once per pass and again after a preemption. */
    PriorityPreemption(Collection<Job> running) {
        candidates = new ArrayList<>();
        for (Job job : running) {
            if (job.spec().preemptible()) {
                candidates.add(job);
            }
        }
        candidates.sort(VICTIM_ORDER);
        acceleratorsUpTo = new long[candidates.size() + 1];
        for (int i = 0; i < candidates.size(); i++) {
            acceleratorsUpTo[i + 1] =
                    acceleratorsUpTo[i] + candidates.get(i).spec().accelerators();
        }
    }

    /** Whether no running job could be preempted at all. */
    boolean isEmpty() {
        return candidates.isEmpty();
    }

    /** The lowest priority among the candidates: only a job above it can preempt. */
    int lowestPriority() {
        return candidates.isEmpty()
                ? Integer.MAX_VALUE
                : candidates.get(0).spec().priority();
    }

    /** The victims that make {@code needed} accelerators available for {@code waiter}, if there are enough. */
    Optional<List<Job>> victimsFor(Job waiter, long needed) {
        int below = countBelow(waiter.spec().priority());
        if (acceleratorsUpTo[below] < needed) {
            return Optional.empty();
        }
        List<Job> victims = new ArrayList<>();
        long freed = 0;
        for (int i = 0; i < below && freed < needed; i++) {
            victims.add(candidates.get(i));
            freed += candidates.get(i).spec().accelerators();
        }
        return Optional.of(victims);
    }

    /** Candidates of a priority below {@code priority}: a prefix, since they are sorted lowest first. */
    private int countBelow(int priority) {
        int lo = 0;
        int hi = candidates.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (candidates.get(mid).spec().priority() < priority) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
