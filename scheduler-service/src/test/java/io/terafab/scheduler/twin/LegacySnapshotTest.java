package io.terafab.scheduler.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.platform.model.ModelRejection;
import io.terafab.scheduler.domain.CapacitySettings;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.ClusterSettings;
import io.terafab.scheduler.domain.FairShareSettings;
import io.terafab.scheduler.domain.JobRequest;
import io.terafab.scheduler.domain.JobTransition;
import io.terafab.scheduler.domain.PowerModel;
import io.terafab.scheduler.domain.PriorityClass;
import io.terafab.scheduler.domain.PriorityClasses;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A campus started with the first scheduler keeps its accelerators, jobs and counts after the upgrade. */
class LegacySnapshotTest {

    /** A snapshot as the first scheduler wrote it: one rack, a queued and a running job, one completed. */
    private static final String FIRST_SCHEDULER_SNAPSHOT = """
            {"acceleratorsByRack":{"rack-00001":["a-2","a-1","a-3"]},
             "queued":[{"spec":{"jobId":"q","tenant":"research","kind":"training","accelerators":2,"durationHours":1.0,
                        "priority":0,"submittedAt":"2027-01-01T00:10:00Z"},"sequence":2,"status":"QUEUED",
                        "startedAt":null,"completedAt":null,"remainingWorkSeconds":3600.0,"accelerators":[]}],
             "running":[{"spec":{"jobId":"r","tenant":"product","kind":"inference","accelerators":1,"durationHours":1.0,
                         "priority":150,"submittedAt":"2027-01-01T00:00:00Z"},"sequence":1,"status":"RUNNING",
                         "startedAt":"2027-01-01T00:00:00Z","completedAt":null,"remainingWorkSeconds":1800.0,
                         "accelerators":["a-1"]}],
             "recentlyCompleted":[],"completedJobIds":["done"],"acceptedJobs":3,"completedJobs":1,"nextSequence":3,
             "budgetWatts":null,"powerFactor":1.0,"lastTickAt":"2027-01-01T00:30:00Z","capacityRequestsIssued":2,
             "outstandingRequest":{"requestId":"capreq-000002","accelerators":72,"priority":0,
                                   "requestedAt":"2027-01-01T00:20:00Z"},
             "workload":null}""";

    private static Cluster cluster() {
        PriorityClasses classes = new PriorityClasses(
                List.of(new PriorityClass("high", 100, false), new PriorityClass("normal", 0, true)), "normal");
        return new Cluster(
                new ClusterSettings(
                        new PowerModel(1000, 250, 1.25, 0.4, 0.8, 1.0 / 3),
                        8,
                        classes,
                        new FairShareSettings(Map.of(), 1, Duration.ofDays(7)),
                        Duration.ofHours(1),
                        new CapacitySettings(72, Duration.ofHours(2), 72, Duration.ofHours(24)),
                        1000,
                        10),
                null);
    }

    @Test
    void acceleratorsJobsAndCountsCarryOverAndUnfinishedJobsRunAgain() throws Exception {
        var snapshot = new ObjectMapper().readTree(FIRST_SCHEDULER_SNAPSHOT);
        assertThat(LegacySnapshot.isLegacy(snapshot)).isTrue();
        Cluster c = cluster();
        c.restore(LegacySnapshot.convert(snapshot, c.settings().priorityClasses()));

        assertThat(c.totalAccelerators()).isEqualTo(3);
        assertThat(c.topology().rackOf("a-1")).contains("rack-00001");
        assertThat(c.queue().inOrder(10)).extracting(j -> j.id()).containsExactly("r", "q");
        assertThat(c.findJob("r").orElseThrow().spec().priorityClass()).isEqualTo("high");
        assertThat(c.findJob("r").orElseThrow().remainingWorkSeconds()).isEqualTo(1800);
        assertThat(c.jobCounts().accepted()).isEqualTo(3);
        assertThat(c.jobCounts().completed()).isEqualTo(1);
        assertThat(c.outstandingRequest()).map(r -> r.requestId()).contains("capreq-000002");
        assertThatThrownBy(() -> c.submit(new JobRequest(
                        "done", "t", "training", 1, 1, null, null, null, Instant.parse("2027-01-01T01:00:00Z"))))
                .isInstanceOf(ModelRejection.class);

        c.tick(Instant.parse("2027-01-01T00:31:00Z"));
        assertThat(c.runningJobs()).extracting(j -> j.id()).containsExactly("r", "q");
        assertThat(c.drainTransitions())
                .extracting(t -> t.job().jobId() + ":" + t.kind().label())
                .containsExactly("r:resumed", "q:started");
        c.tick(Instant.parse("2027-01-01T01:01:00Z"));
        assertThat(c.findJob("r").orElseThrow().status().label()).isEqualTo("completed");
        assertThat(c.drainTransitions()).extracting(JobTransition::kind).contains(JobTransition.Kind.COMPLETED);
    }

    @Test
    void currentSnapshotsAreNotTakenForLegacyOnes() throws Exception {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        assertThat(LegacySnapshot.isLegacy(mapper.valueToTree(cluster().state())))
                .isFalse();
    }
}
