package io.terafab.scheduler.domain;

import static io.terafab.scheduler.domain.Fixtures.T0;
import static io.terafab.scheduler.domain.Fixtures.at;
import static io.terafab.scheduler.domain.Fixtures.ids;
import static io.terafab.scheduler.domain.Fixtures.job;
import static io.terafab.scheduler.domain.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Gangs, priority classes, fair share within a pass, EASY backfill, completion. */
class SchedulingOrderTest {

    @Test
    void gangStartsOnlyWhenItsWholeGangIsFree() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r1", "rack-1", ids("a", 6));
        c.submit(job("big", 8, 1));
        c.tick(T0);
        assertThat(c.busyAccelerators()).isZero();
        assertThat(c.queue().size()).isEqualTo(1);

        c.addAccelerators("r2", "rack-2", ids("b", 2));
        c.tick(at(0.1));
        assertThat(c.busyAccelerators()).isEqualTo(8);
        Job big = c.runningJobs().get(0);
        assertThat(big.gang()).hasSize(8).doesNotHaveDuplicates();
        assertThat(big.racks()).isEqualTo(2);
        assertThat(big.pods()).isEqualTo(1);
        List<JobTransition> transitions = c.drainTransitions();
        assertThat(steps(transitions, "big")).containsExactly("queued", "started");
        assertThat(transitions)
                .filteredOn(t -> t.kind() == JobTransition.Kind.STARTED)
                .singleElement()
                .satisfies(t -> {
                    JobTransition.Started started = (JobTransition.Started) t;
                    assertThat(started.rackIds())
                            .as("the started step names the racks of the gang")
                            .containsExactlyInAnyOrder("rack-1", "rack-2");
                    assertThat(started.racks()).isEqualTo(big.racks());
                });
    }

    @Test
    void higherPriorityClassesStartFirstThenAcceptanceOrder() {
        Cluster c = Fixtures.cluster();
        c.submit(job("low-first", "research", 4, 1, "low"));
        c.submit(job("high", "research", 4, 1, "high"));
        c.submit(job("normal", "research", 4, 1, "normal"));
        c.submit(job("low-second", "research", 4, 1, "low"));
        assertThat(c.queue().inOrder(10))
                .extracting(Job::id)
                .containsExactly("high", "normal", "low-first", "low-second");

        c.addAccelerators("r", "rack", ids("a", 8));
        c.tick(T0);
        assertThat(c.runningJobs()).extracting(Job::id).containsExactly("high", "normal");
    }

    @Test
    void onePassAlternatesBetweenTenantsOfEqualWeight() {
        Cluster c = Fixtures.cluster();
        for (int i = 0; i < 4; i++) {
            c.submit(job("a-" + i, "alpha", 2, 1, "normal"));
        }
        for (int i = 0; i < 4; i++) {
            c.submit(job("b-" + i, "beta", 2, 1, "normal"));
        }
        c.addAccelerators("r", "rack", ids("x", 8));
        c.tick(T0);
        assertThat(c.runningJobs()).extracting(Job::id).containsExactly("a-0", "b-0", "a-1", "b-1");
    }

    @Test
    void shortJobBackfillsAGapWithoutDelayingTheReservedHeadJob() {
        Cluster c = Fixtures.cluster();
        Fixtures.racks(c, 2); // 16 accelerators
        c.submit(job("running", 10, 10));
        c.tick(T0);
        c.submit(job("head", 12, 1)); // 6 free: waits for "running" to end at 10 h, when 4 will be spare
        c.submit(job("long", 6, 20)); // fits now, but would still run at 10 h on more than the 4 spare
        c.submit(job("short", 6, 2)); // fits now and ends at 2.1 h, before the head's reserved start
        c.tick(at(0.1));
        assertThat(c.runningJobs()).extracting(Job::id).containsExactly("running", "short");
        List<JobTransition> steps = c.drainTransitions();
        assertThat(steps)
                .filteredOn(t -> t.job().jobId().equals("short") && t.kind() == JobTransition.Kind.STARTED)
                .singleElement()
                .satisfies(t ->
                        assertThat(((JobTransition.Started) t).backfilled()).isTrue());

        c.tick(at(2.1)); // short done: 6 free again, but "long" would still delay the head
        assertThat(c.findJob("short").orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(c.runningJobs()).extracting(Job::id).containsExactly("running");

        c.tick(at(10));
        Job head = c.findJob("head").orElseThrow();
        assertThat(head.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(head.startedAt())
                .as("the reserved start, as without backfill")
                .isEqualTo(at(10));
        assertThat(c.findJob("long").orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(c.jobCounts().backfilled()).isEqualTo(1);
    }

    @Test
    void longJobBackfillsOnAcceleratorsTheReservedJobWillNotNeed() {
        Cluster c = Fixtures.cluster();
        Fixtures.racks(c, 2);
        c.submit(job("running", 10, 10));
        c.tick(T0);
        c.submit(job("head", 12, 1));
        c.submit(job("spare", 4, 100)); // runs past 10 h, but on 4 of the accelerators the head leaves over
        c.tick(at(0.1));
        assertThat(c.runningJobs()).extracting(Job::id).containsExactly("running", "spare");
        c.tick(at(10));
        assertThat(c.findJob("head").orElseThrow().startedAt()).isEqualTo(at(10));
    }

    @Test
    void jobThatCouldNotFitEvenInTheWholeClusterHoldsNoReservation() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("waits-for-capacity", 16, 1));
        c.submit(job("small", 2, 50));
        c.tick(T0);
        assertThat(c.runningJobs()).extracting(Job::id).containsExactly("small");
    }

    @Test
    void jobCompletesWhenItsWorkIsDoneAndFreesItsGang() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("j", 8, 2));
        c.tick(T0);
        c.tick(at(1.5));
        assertThat(c.runningJobs().get(0).progress()).isCloseTo(0.75, offset(1e-9));

        c.tick(at(2));
        assertThat(c.busyAccelerators()).isZero();
        assertThat(c.freeAccelerators()).isEqualTo(8);
        assertThat(c.jobCounts().completed()).isEqualTo(1);
        assertThat(c.recentlyEndedJobs()).extracting(Job::id).containsExactly("j");
        assertThat(c.jobOn("a-0000")).isEmpty();
        List<JobTransition> steps = c.drainTransitions();
        assertThat(steps(steps, "j")).containsExactly("queued", "started", "completed");
        assertThat(((JobTransition.Completed) steps.get(2)).acceleratorHours()).isCloseTo(16, offset(1e-9));
        assertThat(steps)
                .extracting(JobTransition::eventId)
                .containsExactly("j-1-queued", "j-2-started", "j-3-completed");
    }
}
