package io.terafab.scheduler.domain;

import static io.terafab.scheduler.domain.Fixtures.T0;
import static io.terafab.scheduler.domain.Fixtures.at;
import static io.terafab.scheduler.domain.Fixtures.ids;
import static io.terafab.scheduler.domain.Fixtures.job;
import static io.terafab.scheduler.domain.Fixtures.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.terafab.platform.model.ModelRejection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Acceptance, cancellation, failure on removed accelerators; a refused change changes nothing. */
class JobLifecycleTest {

    private static void assertRefused(Cluster c, Runnable change, ModelRejection.Kind kind, String message) {
        c.drainTransitions();
        SchedulerState before = c.state();
        assertThatThrownBy(change::run).isInstanceOfSatisfying(ModelRejection.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(message);
        });
        assertThat(c.state()).as("a refused change changes nothing").isEqualTo(before);
        assertThat(c.drainTransitions()).isEmpty();
    }

    @Test
    void submissionsThatCouldNeverRunOrAreMalformedAreInvalid() {
        Cluster c = Fixtures.cluster();
        assertRefused(
                c,
                () -> c.submit(job("huge", Fixtures.MAX_JOB + 1, 1)),
                ModelRejection.Kind.INVALID,
                "could never run");
        assertRefused(c, () -> c.submit(job("zero", 0, 1)), ModelRejection.Kind.INVALID, "accelerators must be > 0");
        assertRefused(
                c,
                () -> c.submit(job("urgent", "research", 8, 1, "urgent")),
                ModelRejection.Kind.INVALID,
                "priorityClass must be one of [critical, high, low, normal], was urgent");
        assertRefused(
                c,
                () -> c.submit(new JobRequest("k", "t", "gaming", 1, 1, null, null, null, T0)),
                ModelRejection.Kind.INVALID,
                "kind must be one of");
        assertRefused(c, () -> c.submit(job("nan", 1, Double.NaN)), ModelRejection.Kind.INVALID, "durationHours");
    }

    @Test
    void reusedJobIdIsNotAllowedEvenAfterTheJobEnded() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("j", 8, 1));
        assertRefused(c, () -> c.submit(job("j", 1, 1)), ModelRejection.Kind.NOT_ALLOWED, "already submitted");
        c.tick(at(0));
        c.tick(at(1));
        assertThat(c.jobCounts().completed()).isEqualTo(1);
        assertRefused(c, () -> c.submit(job("j", 1, 1)), ModelRejection.Kind.NOT_ALLOWED, "already submitted");
    }

    @Test
    void classAndPreemptibilityComeFromTheSubmissionOrItsClass() {
        Cluster c = Fixtures.cluster();
        Job fromInteger = c.submit(new JobRequest("v1", "t", "training", 1, 1, 150, null, null, T0));
        assertThat(fromInteger.spec().priorityClass()).isEqualTo("high");
        assertThat(fromInteger.spec().preemptible()).isFalse();
        Job overridden = c.submit(new JobRequest("own", "t", "training", 1, 1, null, "critical", true, T0));
        assertThat(overridden.spec().preemptible()).isTrue();
        Job plain = c.submit(new JobRequest("plain", "t", "training", 1, 1, null, null, null, T0));
        assertThat(plain.spec().priorityClass()).isEqualTo("normal");
        assertThat(plain.spec().preemptible()).isTrue();
    }

    @Test
    void cancellingFreesTheGangOfARunningJobAndEndsItOnce() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("running", 8, 10));
        c.submit(job("queued", 8, 10));
        c.tick(at(0));
        c.cancel("queued", "not needed", at(1));
        c.cancel("running", null, at(1));
        assertThat(c.freeAccelerators()).isEqualTo(8);
        assertThat(c.queue().isEmpty()).isTrue();
        assertThat(c.jobCounts().cancelled()).isEqualTo(2);
        List<JobTransition> steps = c.drainTransitions();
        assertThat(steps(steps, "queued")).containsExactly("queued", "cancelled");
        assertThat(steps(steps, "running")).containsExactly("queued", "started", "cancelled");
        assertThat(steps)
                .filteredOn(t -> t.kind() == JobTransition.Kind.CANCELLED)
                .extracting(
                        t -> ((JobTransition.Cancelled) t).previousState(), t -> ((JobTransition.Cancelled) t).reason())
                .containsExactly(tuple("queued", "not needed"), tuple("running", null));

        assertRefused(c, () -> c.cancel("running", null, at(2)), ModelRejection.Kind.NOT_ALLOWED, "already ended");
        assertRefused(c, () -> c.cancel("never", null, at(2)), ModelRejection.Kind.UNKNOWN_ENTITY, "no job never");
    }

    @Test
    void aCancellationStampedBeforeTheJobsSubmissionIsRefusedAsOutOfOrder() {
        Cluster c = Fixtures.cluster();
        c.submit(Fixtures.job("late", "research", 8, 10, "normal", true, at(2)));

        assertRefused(
                c,
                () -> c.cancel("late", "stale", at(1)),
                ModelRejection.Kind.OUT_OF_ORDER,
                "older than its submission");

        assertThat(c.findJob("late")).get().extracting(Job::status).isEqualTo(JobStatus.QUEUED);
        c.cancel("late", "at the submission's instant", at(2));
        assertThat(c.jobCounts().cancelled()).isEqualTo(1);
    }

    @Test
    void cancellingAPausedJobReleasesItsGang() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("pinned", "research", 8, 10, "high"));
        c.tick(at(0));
        c.applyBudget(0, at(0));
        assertThat(c.pausedJobs()).hasSize(1);
        c.cancel("pinned", null, at(1));
        assertThat(c.pausedAccelerators()).isZero();
        assertThat(c.freeAccelerators()).isEqualTo(8);
    }

    @Test
    void removedAcceleratorFailsTheJobOnItAndTheRestOfItsGangIsFree() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("j", 6, 10));
        c.tick(at(0));
        String victim = c.runningJobs().get(0).gang().get(2);
        assertThat(c.removeAccelerators(List.of(victim, "a-0007"), "XID 79", at(1)))
                .containsExactly("j");
        assertThat(c.totalAccelerators()).isEqualTo(6);
        assertThat(c.freeAccelerators()).isEqualTo(6);
        assertThat(c.jobCounts().failed()).isEqualTo(1);
        Job failed = c.findJob("j").orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.endReason()).isEqualTo("accelerator " + victim + " failed: XID 79");
        assertThat(steps(c.drainTransitions(), "j")).containsExactly("queued", "started", "failed");

        assertRefused(
                c,
                () -> c.removeAccelerators(List.of(victim), "again", at(2)),
                ModelRejection.Kind.NOT_ALLOWED,
                "already removed");
        assertRefused(
                c,
                () -> c.removeAccelerators(List.of("ghost"), "x", at(2)),
                ModelRejection.Kind.UNKNOWN_ENTITY,
                "not installed");
        assertRefused(
                c,
                () -> c.addAccelerators("r", "rack", List.of(victim)),
                ModelRejection.Kind.NOT_ALLOWED,
                "was removed");
    }

    @Test
    void allocationRepeatingAnInstalledAcceleratorIsNotAllowedAndAddsNone() {
        Cluster c = Fixtures.cluster();
        c.addAccelerators("r1", "rack-1", List.of("a", "b"));
        assertRefused(
                c,
                () -> c.addAccelerators("r2", "rack-2", List.of("c", "a")),
                ModelRejection.Kind.NOT_ALLOWED,
                "already installed");
        assertThat(c.totalAccelerators()).isEqualTo(2);
    }

    @Test
    void workloadThatCouldNeverRunOrUsesAnUnknownClassIsRefusedUpFront() {
        assertThatThrownBy(() ->
                        new Cluster(Fixtures.settings().maxJob(1000).build(), new Workload(WorkloadTest.defaultMix(7))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4096");
        WorkloadSettings unknownClass = new WorkloadSettings(
                java.time.Duration.ofMinutes(30),
                7,
                List.of(new WorkloadProfile(
                        "p", 1, List.of("t"), "training", List.of(8), List.of(1.0), 1, 2, "urgent", true)));
        assertThatThrownBy(() -> new Cluster(Fixtures.settings().build(), new Workload(unknownClass)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("urgent");
    }
}
