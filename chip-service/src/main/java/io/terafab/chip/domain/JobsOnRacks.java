package io.terafab.chip.domain;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which jobs ran on which racks, as the scheduler's job steps tell it: the far end of a lot's
 * lineage (lot → racks its chips went to → jobs that ran there). A run is a job on a rack from
 * its start or resume there until it was preempted or ended; a pause keeps its gang, so the run
 * goes on. Kept per rack, newest first: every open run, and ended runs up to {@code runsPerRack}
 * runs in all; for the {@code racksKept} racks run on most recently, and every rack a job still
 * runs on. A job running now is never forgotten (a lot's lineage must name it however many short
 * jobs came and went beside it), and memory and snapshots stay bounded however long the campus
 * runs: open runs are bounded by the jobs the installed racks hold at once.
 * Every step is applied as it comes (a rack not installed yet is kept like any other), so the
 * order in which chip-service hears of installs and of jobs does not matter.
 */
public final class JobsOnRacks {

    private final int runsPerRack;
    private final int racksKept;
    /** Racks, least recently run on first; each rack's runs newest first. */
    private final LinkedHashMap<String, Deque<JobRun>> runsByRack = new LinkedHashMap<>();
    /** Index, rebuilt on restore: the racks each job has an open run on. */
    private final Map<String, Set<String>> openRacksByJob = new HashMap<>();

    /**
     * @param runsPerRack runs kept per rack, newest first
     * @param racksKept racks kept, those run on most recently
     */
    public JobsOnRacks(int runsPerRack, int racksKept) {
        if (runsPerRack < 1 || racksKept < 1) {
            throw new IllegalArgumentException(
                    "runs per rack and racks kept must be at least 1, were " + runsPerRack + " and " + racksKept);
        }
        this.runsPerRack = runsPerRack;
        this.racksKept = racksKept;
    }

    /**
     * One job on one rack.
     *
     * @param jobId the job
     * @param tenant its tenant
     * @param from when it started or resumed on the rack (simulated)
     * @param until when it was preempted or ended; {@code null} while it runs (or is paused) there
     * @param endedAs how the run ended: {@code preempted}, {@code completed}, {@code failed} or
     *     {@code cancelled}; {@code null} while it runs
     */
    public record JobRun(String jobId, String tenant, Instant from, Instant until, String endedAs) {

        public boolean open() {
            return until == null;
        }

        JobRun stopped(Instant at, String how) {
            return new JobRun(jobId, tenant, from, at, how);
        }
    }

    /**
     * A job started or resumed on a gang spanning {@code rackIds}. A rack it already runs on (a
     * resume after a pause, or a replayed step) keeps its open run.
     */
    public void ran(String jobId, String tenant, Collection<String> rackIds, Instant at) {
        for (String rackId : new LinkedHashSet<>(rackIds)) {
            Deque<JobRun> runs = runsByRack.remove(rackId); // put back below: the rack run on last
            if (runs == null) {
                runs = new ArrayDeque<>();
            }
            boolean running = runs.stream().anyMatch(r -> r.open() && r.jobId().equals(jobId));
            if (!running) {
                runs.addFirst(new JobRun(jobId, tenant, at, null, null));
                openRacksByJob
                        .computeIfAbsent(jobId, k -> new LinkedHashSet<>())
                        .add(rackId);
            }
            runsByRack.put(rackId, runs);
            trim(runs);
        }
        trimRacks();
    }

    /** Forgets the oldest ended runs beyond {@code runsPerRack}; open runs stay. */
    private void trim(Deque<JobRun> runs) {
        Iterator<JobRun> oldestFirst = runs.descendingIterator();
        while (runs.size() > runsPerRack && oldestFirst.hasNext()) {
            if (!oldestFirst.next().open()) {
                oldestFirst.remove();
            }
        }
    }

    /** Forgets the least recently run-on racks beyond {@code racksKept} that no job runs on now. */
    private void trimRacks() {
        Iterator<Deque<JobRun>> eldest = runsByRack.values().iterator();
        while (runsByRack.size() > racksKept && eldest.hasNext()) {
            if (eldest.next().stream().noneMatch(JobRun::open)) {
                eldest.remove();
            }
        }
    }

    /** A job left its gang ({@code how}: preempted) or ended (completed, failed, cancelled): its open runs close. */
    public void stopped(String jobId, Instant at, String how) {
        Set<String> racks = openRacksByJob.remove(jobId);
        if (racks == null) {
            return; // it never ran here, or a replay already closed its runs
        }
        for (String rackId : racks) {
            Deque<JobRun> runs = runsByRack.get(rackId);
            List<JobRun> updated = new ArrayList<>(runs.size());
            for (JobRun run : runs) {
                updated.add(run.open() && run.jobId().equals(jobId) ? run.stopped(at, how) : run);
            }
            runs.clear();
            runs.addAll(updated);
            trim(runs); // ended runs held beyond the bound while it ran may go now
        }
        trimRacks();
    }

    // ---- queries

    /** The runs kept of a rack, newest first; empty for a rack no job was heard of on. */
    public List<JobRun> runsOn(String rackId) {
        Deque<JobRun> runs = runsByRack.get(rackId);
        return runs == null ? List.of() : List.copyOf(runs);
    }

    /**
     * A job that ran on some of a set of racks.
     *
     * @param racks those of the set it ran on
     * @param since its earliest run's start on them
     * @param until its latest run's end on them; {@code null} while a run of it is open
     * @param endedAs how its latest run ended; {@code null} while a run of it is open
     */
    public record JobOnRacks(
            String jobId, String tenant, List<String> racks, Instant since, Instant until, String endedAs) {}

    /** The jobs kept of these racks, newest start first (ties by job id). */
    public List<JobOnRacks> jobsOn(Collection<String> rackIds) {
        Map<String, List<Map.Entry<String, JobRun>>> byJob = new LinkedHashMap<>();
        for (String rackId : new TreeSet<>(rackIds)) {
            for (JobRun run : runsOn(rackId)) {
                byJob.computeIfAbsent(run.jobId(), k -> new ArrayList<>()).add(Map.entry(rackId, run));
            }
        }
        List<JobOnRacks> jobs = new ArrayList<>(byJob.size());
        byJob.forEach((jobId, runs) -> {
            JobRun latest = runs.stream()
                    .map(Map.Entry::getValue)
                    .max(Comparator.comparing(JobRun::from))
                    .orElseThrow();
            boolean open = runs.stream().anyMatch(e -> e.getValue().open());
            Instant since = runs.stream()
                    .map(e -> e.getValue().from())
                    .min(Comparator.naturalOrder())
                    .orElseThrow();
            Instant until = open
                    ? null
                    : runs.stream()
                            .map(e -> e.getValue().until())
                            .max(Comparator.naturalOrder())
                            .orElseThrow();
            jobs.add(new JobOnRacks(
                    jobId,
                    latest.tenant(),
                    runs.stream().map(Map.Entry::getKey).distinct().toList(),
                    since,
                    until,
                    open ? null : latest.endedAs()));
        });
        jobs.sort(Comparator.comparing((JobOnRacks j) -> latestFrom(byJob.get(j.jobId())))
                .reversed()
                .thenComparing(JobOnRacks::jobId));
        return jobs;
    }

    private static Instant latestFrom(List<Map.Entry<String, JobRun>> runs) {
        return runs.stream()
                .map(e -> e.getValue().from())
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }

    /** Runs kept, over every rack. */
    public int runsKept() {
        return runsByRack.values().stream().mapToInt(Deque::size).sum();
    }

    public int racksKept() {
        return runsByRack.size();
    }

    // ---- snapshots

    /** Per rack (least recently run on first), its runs newest first. */
    Map<String, List<JobRun>> state() {
        Map<String, List<JobRun>> state = new LinkedHashMap<>();
        runsByRack.forEach((rack, runs) -> state.put(rack, List.copyOf(runs)));
        return state;
    }

    /**
     * Replaces the index by a saved one ({@code null}: empty, from snapshots before it was kept),
     * trimmed to this index's bounds (the configured ones may have been lowered since).
     */
    void restore(Map<String, List<JobRun>> saved) {
        runsByRack.clear();
        openRacksByJob.clear();
        if (saved == null) {
            return;
        }
        saved.forEach((rack, runs) -> {
            runsByRack.put(rack, new ArrayDeque<>(runs));
            for (JobRun run : runs) {
                if (run.open()) {
                    openRacksByJob
                            .computeIfAbsent(run.jobId(), k -> new LinkedHashSet<>())
                            .add(rack);
                }
            }
        });
        runsByRack.values().forEach(this::trim);
        trimRacks();
    }
}
