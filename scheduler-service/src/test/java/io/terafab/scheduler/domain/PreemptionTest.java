package io.terafab.scheduler.domain;

import static io.terafab.scheduler.domain.Fixtures.at;
import static io.terafab.scheduler.domain.Fixtures.ids;
import static io.terafab.scheduler.domain.Fixtures.job;
import static io.terafab.scheduler.domain.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A higher priority job that waited beyond the bound preempts lower priority preemptible jobs. */
class PreemptionTest {

    private static Cluster withLowJobRunning(boolean preemptible) {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("low", "research", 8, 100, "low", preemptible, at(0)));
        c.tick(at(0));
        c.submit(job("critical", "inference", 4, 1, "critical", false, at(0.1)));
        return c;
    }

    @Test
    void waiterPreemptsOnlyOnceItWaitedBeyondTheBoundAndTheVictimResumesLater() {
        Cluster c = withLowJobRunning(true);
        c.tick(at(0.5));
        assertThat(c.runningJobs()).extracting(Job::id).containsExactly("low");

        c.tick(at(1.2)); // waited 1.1 h > 1 h
        assertThat(c.runningJobs()).extracting(Job::id).containsExactly("critical");
        Job low = c.findJob("low").orElseThrow();
        assertThat(low.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(low.gang()).isEmpty();
        assertThat(low.remainingWorkSeconds()).as("work kept").isEqualTo((100 - 1.2) * 3600);
        assertThat(c.jobCounts().preemptedForPriority()).isEqualTo(1);

        c.tick(at(2.2)); // critical done: low gets its gang back
        List<JobTransition> steps = c.drainTransitions();
        assertThat(steps(steps, "low")).containsExactly("queued", "started", "preempted", "resumed");
        assertThat(steps(steps, "critical")).containsExactly("queued", "started", "completed");
        assertThat(steps)
                .filteredOn(t -> t.kind() == JobTransition.Kind.PREEMPTED)
                .singleElement()
                .satisfies(t -> {
                    assertThat(((JobTransition.Preempted) t).reason()).isEqualTo("priority");
                    assertThat(((JobTransition.Preempted) t).forJobId()).isEqualTo("critical");
                });
        assertThat(steps)
                .filteredOn(t -> t.kind() == JobTransition.Kind.RESUMED)
                .singleElement()
                .satisfies(t ->
                        assertThat(((JobTransition.Resumed) t).resumedFrom()).isEqualTo("preempted"));
    }

    @Test
    void nonPreemptibleJobsAreNeverPreemptedForPriority() {
        Cluster c = withLowJobRunning(false);
        c.tick(at(5));
        assertThat(c.runningJobs()).extracting(Job::id).containsExactly("low");
        assertThat(c.findJob("critical").orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void jobsOfTheSamePriorityDoNotPreemptEachOther() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("first", "research", 8, 100, "normal", true, at(0)));
        c.tick(at(0));
        c.submit(job("second", "product", 8, 1, "normal", true, at(0)));
        c.tick(at(10));
        assertThat(c.runningJobs()).extracting(Job::id).containsExactly("first");
    }

    @Test
    void noVictimIsPreemptedWhenAllTogetherCouldNotMakeRoom() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("pinned", "research", 4, 100, "high", false, at(0)));
        c.submit(job("low", "research", 4, 100, "low", true, at(0)));
        c.tick(at(0));
        c.submit(job("critical", "inference", 8, 1, "critical", false, at(0)));
        c.tick(at(3));
        assertThat(c.runningJobs()).extracting(Job::id).containsExactly("pinned", "low");
        assertThat(c.jobCounts().preemptedForPriority()).isZero();
    }

    @Test
    void victimsAreTheLowestPriorityFirstThenTheMostRecentlyStarted() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 12));
        c.submit(job("normal", "research", 4, 100, "normal", true, at(0)));
        c.submit(job("low-old", "research", 4, 100, "low", true, at(0)));
        c.tick(at(0));
        c.submit(job("low-new", "research", 4, 100, "low", true, at(0)));
        c.tick(at(0.5));
        c.submit(job("critical", "inference", 4, 1, "critical", false, at(0.5)));
        c.tick(at(2));
        assertThat(c.runningJobs()).extracting(Job::id).containsExactlyInAnyOrder("normal", "low-old", "critical");
        assertThat(c.findJob("low-new").orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    }
}
