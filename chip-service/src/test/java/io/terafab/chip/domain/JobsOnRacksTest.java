package io.terafab.chip.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terafab.chip.domain.JobsOnRacks.JobOnRacks;
import io.terafab.chip.domain.JobsOnRacks.JobRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The index of the jobs that ran on each rack: runs opened and closed by job steps, bounded both ways. */
class JobsOnRacksTest {

    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");

    private static Instant hours(double h) {
        return T0.plus(Duration.ofSeconds(Math.round(h * 3600)));
    }

    @Test
    void aStartOpensARunOnEveryRackOfTheGangAndAnEndClosesThem() {
        JobsOnRacks jobs = new JobsOnRacks(8, 100);
        jobs.ran("job-1", "research", List.of("rack-1", "rack-2"), hours(1));

        assertThat(jobs.runsOn("rack-1")).containsExactly(new JobRun("job-1", "research", hours(1), null, null));
        assertThat(jobs.runsOn("rack-2")).containsExactly(new JobRun("job-1", "research", hours(1), null, null));
        assertThat(jobs.runsOn("rack-3")).isEmpty();

        jobs.stopped("job-1", hours(5), "completed");

        assertThat(jobs.runsOn("rack-1"))
                .containsExactly(new JobRun("job-1", "research", hours(1), hours(5), "completed"));
        assertThat(jobs.runsOn("rack-2"))
                .containsExactly(new JobRun("job-1", "research", hours(1), hours(5), "completed"));
    }

    @Test
    void aResumeOnTheSameGangKeepsTheRunAndAResumeAfterAPreemptionOpensANewOne() {
        JobsOnRacks jobs = new JobsOnRacks(8, 100);
        jobs.ran("job-1", "research", List.of("rack-1"), hours(1));
        jobs.ran("job-1", "research", List.of("rack-1"), hours(2)); // resumed after a pause: its gang was kept

        assertThat(jobs.runsOn("rack-1")).containsExactly(new JobRun("job-1", "research", hours(1), null, null));

        jobs.stopped("job-1", hours(3), "preempted");
        jobs.ran("job-1", "research", List.of("rack-1", "rack-2"), hours(4));

        assertThat(jobs.runsOn("rack-1"))
                .containsExactly(
                        new JobRun("job-1", "research", hours(4), null, null),
                        new JobRun("job-1", "research", hours(1), hours(3), "preempted"));
        assertThat(jobs.runsOn("rack-2")).containsExactly(new JobRun("job-1", "research", hours(4), null, null));
    }

    @Test
    void anEndOfAJobThatNeverRanHereChangesNothing() {
        JobsOnRacks jobs = new JobsOnRacks(8, 100);
        jobs.ran("job-1", "research", List.of("rack-1"), hours(1));
        Map<String, List<JobRun>> before = jobs.state();

        jobs.stopped("job-9", hours(2), "cancelled");
        jobs.stopped("job-1", hours(3), "completed");
        Map<String, List<JobRun>> ended = jobs.state();
        jobs.stopped("job-1", hours(4), "completed"); // a replayed end

        assertThat(before.get("rack-1")).hasSize(1);
        assertThat(jobs.state()).isEqualTo(ended);
        assertThat(jobs.runsOn("rack-1").get(0).until()).isEqualTo(hours(3));
    }

    @Test
    void aRackKeepsItsNewestEndedRunsAndTheIndexItsMostRecentlyRunRacks() {
        JobsOnRacks jobs = new JobsOnRacks(2, 2);
        for (int j = 1; j <= 3; j++) {
            jobs.ran("job-" + j, "t", List.of("rack-1"), hours(j));
            jobs.stopped("job-" + j, hours(j + 0.5), "completed");
        }

        assertThat(jobs.runsOn("rack-1")).extracting(JobRun::jobId).containsExactly("job-3", "job-2");

        jobs.ran("job-4", "t", List.of("rack-2"), hours(5));
        jobs.stopped("job-4", hours(5.5), "completed");
        jobs.ran("job-5", "t", List.of("rack-1"), hours(6)); // rack-1 run on after rack-2
        jobs.ran("job-6", "t", List.of("rack-3"), hours(7)); // rack-2 is the least recently run on

        assertThat(jobs.racksKept()).isEqualTo(2);
        assertThat(jobs.runsOn("rack-2")).isEmpty();
        assertThat(jobs.runsOn("rack-1")).extracting(JobRun::jobId).containsExactly("job-5", "job-3");
        assertThat(jobs.runsOn("rack-3")).extracting(JobRun::jobId).containsExactly("job-6");
    }

    /**
     * A long training job on a rack that many short jobs share, or on a rack no job started on for a
     * while: a lot's lineage must still name it while it runs, so only ended runs and idle racks are
     * forgotten.
     */
    @Test
    void aJobRunningNowIsNeverForgottenHoweverManyRunsAndRacksComeAfterIt() {
        JobsOnRacks jobs = new JobsOnRacks(2, 2);
        jobs.ran("long", "research", List.of("rack-1", "rack-2"), hours(0));
        for (int j = 1; j <= 10; j++) {
            jobs.ran("short-" + j, "inference", List.of("rack-1"), hours(j));
            jobs.stopped("short-" + j, hours(j + 0.5), "completed");
        }
        jobs.ran("open", "product", List.of("rack-1"), hours(11));
        jobs.ran("other", "product", List.of("rack-3"), hours(12)); // rack-2 is the least recently run on

        assertThat(jobs.runsOn("rack-1"))
                .extracting(JobRun::jobId)
                .containsExactly("open", "long"); // both open: the ended runs made way
        assertThat(jobs.runsOn("rack-2")).extracting(JobRun::jobId).containsExactly("long");
        assertThat(jobs.racksKept()).isEqualTo(3); // rack-2 has a job running: kept beyond the bound
        assertThat(jobs.jobsOn(List.of("rack-2"))).extracting(JobOnRacks::jobId).containsExactly("long");

        jobs.stopped("long", hours(13), "completed");
        jobs.ran("next", "product", List.of("rack-4"), hours(14)); // now rack-2 may go

        assertThat(jobs.runsOn("rack-2")).isEmpty();
        assertThat(jobs.racksKept()).isEqualTo(3); // rack-1, rack-3 and rack-4 have jobs running
        assertThat(jobs.runsOn("rack-1"))
                .extracting(JobRun::jobId)
                .containsExactly("open", "long"); // ended now, and among the two newest
    }

    @Test
    void theJobsOfSomeRacksAreOneEntryPerJobNewestFirst() {
        JobsOnRacks jobs = new JobsOnRacks(8, 100);
        jobs.ran("job-1", "research", List.of("rack-1", "rack-2"), hours(1));
        jobs.stopped("job-1", hours(3), "preempted");
        jobs.ran("job-1", "research", List.of("rack-2", "rack-3"), hours(4));
        jobs.stopped("job-1", hours(9), "completed");
        jobs.ran("job-2", "inference", List.of("rack-1"), hours(5));
        jobs.ran("job-3", "inference", List.of("rack-9"), hours(6));

        List<JobOnRacks> onLot = jobs.jobsOn(List.of("rack-1", "rack-2"));

        assertThat(onLot)
                .containsExactly(
                        new JobOnRacks("job-2", "inference", List.of("rack-1"), hours(5), null, null),
                        new JobOnRacks(
                                "job-1", "research", List.of("rack-1", "rack-2"), hours(1), hours(9), "completed"));
        assertThat(jobs.jobsOn(List.of())).isEmpty();
    }

    @Test
    void boundsBelowOneAreRefused() {
        assertThatThrownBy(() -> new JobsOnRacks(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobsOnRacks(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRestoredIndexIsTheSameAndTrimmedToItsBounds() {
        JobsOnRacks jobs = new JobsOnRacks(4, 10);
        for (int j = 0; j < 6; j++) {
            jobs.ran("job-" + j, "t", List.of("rack-" + j % 3), hours(j));
        }
        JobsOnRacks same = new JobsOnRacks(4, 10);
        same.restore(jobs.state());
        assertThat(same.state()).isEqualTo(jobs.state());
        same.stopped("job-5", hours(10), "completed"); // the open runs are known after a restore
        assertThat(same.runsOn("rack-2").get(0).endedAs()).isEqualTo("completed");

        for (int j = 0; j < 6; j++) {
            jobs.stopped("job-" + j, hours(20), "completed");
        }
        JobsOnRacks smaller = new JobsOnRacks(1, 2);
        smaller.restore(jobs.state());
        assertThat(smaller.racksKept()).isEqualTo(2);
        assertThat(smaller.runsKept()).isEqualTo(2);

        JobsOnRacks none = new JobsOnRacks(4, 10);
        none.restore(null);
        assertThat(none.racksKept()).isZero();
    }

    /**
     * Seeded random job steps, as the scheduler publishes them: the bounds hold for ended runs and idle
     * racks, every running job keeps its open runs, a job has at most one open run per rack, an end leaves a job no open run, and a restored index goes on alike.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2027, 90210})
    void boundsAndOpenRunsHoldUnderRandomSteps(long seed) {
        Random random = new Random(seed);
        int runsPerRack = 1 + random.nextInt(5);
        int racksKept = 1 + random.nextInt(12);
        JobsOnRacks jobs = new JobsOnRacks(runsPerRack, racksKept);
        Map<String, List<String>> running = new HashMap<>();
        Set<String> paused = new HashSet<>();
        Instant now = T0;
        for (int step = 0; step < 2_000; step++) {
            now = now.plusSeconds(60 + random.nextInt(3600));
            String job = "job-" + random.nextInt(40);
            List<String> gang = running.get(job);
            int action = random.nextInt(6);
            if (gang == null && action < 3) {
                List<String> racks = new ArrayList<>();
                int span = 1 + random.nextInt(3);
                while (racks.size() < span) {
                    String rack = "rack-" + random.nextInt(20);
                    if (!racks.contains(rack)) {
                        racks.add(rack);
                    }
                }
                jobs.ran(job, "t", racks, now);
                running.put(job, racks);
            } else if (gang != null && action == 3) {
                paused.add(job); // a pause: nothing to tell the index
            } else if (gang != null && action == 4 && paused.remove(job)) {
                jobs.ran(job, "t", gang, now); // resumed on the gang it kept
            } else if (gang != null) {
                jobs.stopped(job, now, random.nextBoolean() ? "preempted" : "completed");
                running.remove(job);
                paused.remove(job);
                String stopped = job;
                assertThat(jobs.state().values().stream()
                                .flatMap(List::stream)
                                .filter(r -> r.jobId().equals(stopped)))
                        .as("seed %d: %s keeps no open run once stopped", seed, job)
                        .noneMatch(JobRun::open);
            }
            Map<String, List<JobRun>> state = jobs.state();
            if (state.size() > racksKept) {
                assertThat(state.values())
                        .as("seed %d: racks kept beyond the bound are racks a job runs on", seed)
                        .allMatch(runs -> runs.stream().anyMatch(JobRun::open));
            }
            for (Map.Entry<String, List<String>> runner : running.entrySet()) {
                for (String rack : runner.getValue()) {
                    assertThat(jobs.runsOn(rack))
                            .as("seed %d: %s runs on %s", seed, runner.getKey(), rack)
                            .anyMatch(r -> r.open() && r.jobId().equals(runner.getKey()));
                }
            }
            for (Map.Entry<String, List<JobRun>> rack : state.entrySet()) {
                List<JobRun> runs = rack.getValue();
                if (runs.size() > runsPerRack) {
                    assertThat(runs)
                            .as("seed %d: runs of %s kept beyond the bound are open", seed, rack.getKey())
                            .allMatch(JobRun::open);
                }
                assertThat(runs.stream().filter(JobRun::open).map(JobRun::jobId))
                        .as("seed %d: open runs on %s", seed, rack.getKey())
                        .doesNotHaveDuplicates();
                for (int i = 1; i < runs.size(); i++) {
                    assertThat(runs.get(i - 1).from())
                            .as("seed %d: %s newest first", seed, rack.getKey())
                            .isAfterOrEqualTo(runs.get(i).from());
                }
                for (JobRun run : runs) {
                    if (run.open()) {
                        assertThat(running.get(run.jobId()))
                                .as("seed %d: an open run is of a job running on that rack", seed)
                                .contains(rack.getKey());
                    }
                }
            }
        }
        JobsOnRacks restored = new JobsOnRacks(runsPerRack, racksKept);
        restored.restore(jobs.state());
        for (String job : running.keySet()) {
            jobs.stopped(job, now.plusSeconds(1), "cancelled");
            restored.stopped(job, now.plusSeconds(1), "cancelled");
        }
        assertThat(restored.state())
                .as("seed %d: a restored index goes on alike", seed)
                .isEqualTo(jobs.state());
        assertThat(jobs.state().values().stream().flatMap(List::stream)).noneMatch(JobRun::open);
    }
}
