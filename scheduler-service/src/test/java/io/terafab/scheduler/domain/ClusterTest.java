package io.terafab.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClusterTest {

    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    private static final double ACCELERATOR_WATTS = 1000;
    private static final double IDLE_WATTS = 250;
    private static final double PUE = 1.25;
    private static final int MAX_JOB = 512;
    private static final int RACK = 8;

    private static ClusterSettings settings(int threshold) {
        return settings(threshold, MAX_JOB);
    }

    private static ClusterSettings settings(int threshold, int maxJob) {
        return new ClusterSettings(ACCELERATOR_WATTS, IDLE_WATTS, PUE, maxJob, threshold, RACK, Duration.ofHours(24), 10);
    }

    /** Room for the default workload's largest gang (1024). */
    private static ClusterSettings workloadSettings() {
        return settings(1, 2048);
    }

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static Cluster cluster() {
        return new Cluster(settings(1), null);
    }

    private static JobSpec job(String id, int accelerators, double hours, int priority) {
        return new JobSpec(id, "research", "training", accelerators, hours, priority, T0);
    }

    private static List<String> ids(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("%s-%04d", prefix, i)).toList();
    }

    private static Instant at(double hours) {
        return T0.plusMillis(Math.round(hours * 3_600_000));
    }

    // ---- gangs and order --------------------------------------------------------------------------

    @Test
    void gangStartsOnlyWhenAllItsAcceleratorsAreFree() {
        Cluster c = cluster();
        c.addAccelerators("r1", "rack-1", ids("a", 6));
        c.submit(job("big", 8, 1, 0));
        c.tick(T0);
        assertThat(c.busyAccelerators()).isZero();
        assertThat(c.queue().size()).isEqualTo(1);

        c.addAccelerators("r2", "rack-2", ids("b", 2));
        TickReport report = c.tick(at(0.1));
        assertThat(report.startedJobIds()).containsExactly("big");
        assertThat(c.busyAccelerators()).isEqualTo(8);
        assertThat(c.runningJobs().get(0).accelerators()).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void jobsStartByPriorityThenArrival() {
        Cluster c = cluster();
        c.submit(job("low-first", 4, 1, 0));
        c.submit(job("high", 4, 1, 5));
        c.submit(job("low-second", 4, 1, 0));
        assertThat(c.queue().inOrder()).extracting(Job::id).containsExactly("high", "low-first", "low-second");

        c.addAccelerators("r", "rack", ids("a", 8));
        assertThat(c.tick(T0).startedJobIds()).containsExactly("high", "low-first");
    }

    @Test
    void headOfTheQueueThatDoesNotFitHoldsBackSmallerJobsBehindIt() {
        Cluster c = cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("big", 16, 1, 0));
        c.submit(job("small", 2, 1, 0));
        c.tick(T0);
        assertThat(c.busyAccelerators()).isZero(); // no backfill yet: strict order
    }

    @Test
    void jobCompletesWhenItsWorkIsDoneAndFreesItsAccelerators() {
        Cluster c = cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("j", 8, 2, 0));
        c.tick(T0);
        assertThat(c.tick(at(1.5)).completedJobIds()).isEmpty();
        assertThat(c.runningJobs().get(0).progress()).isCloseTo(0.75, offset(1e-9));

        TickReport done = c.tick(at(2));
        assertThat(done.completedJobIds()).containsExactly("j");
        assertThat(c.busyAccelerators()).isZero();
        assertThat(c.freeAccelerators()).isEqualTo(8);
        assertThat(c.completedJobs()).isEqualTo(1);
        assertThat(c.recentlyCompletedJobs()).extracting(Job::id).containsExactly("j");
        assertThat(c.jobOn("a-0000")).isEmpty();
    }

    // ---- validation -------------------------------------------------------------------------------

    @Test
    void reusedJobIdIsNotAllowedEvenAfterTheJobCompleted() {
        Cluster c = cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("j", 8, 1, 0));
        assertThatThrownBy(() -> c.submit(job("j", 1, 1, 0)))
                .isInstanceOfSatisfying(ClusterRejection.class, e -> assertThat(e.kind()).isEqualTo(ClusterRejection.Kind.NOT_ALLOWED));
        c.tick(T0);
        c.tick(at(1));
        assertThat(c.completedJobs()).isEqualTo(1);
        assertThatThrownBy(() -> c.submit(job("j", 1, 1, 0))).isInstanceOf(ClusterRejection.class);
    }

    @Test
    void jobLargerThanTheLargestGangIsInvalidAndChangesNothing() {
        Cluster c = cluster();
        SchedulerState before = c.state();
        assertThatThrownBy(() -> c.submit(job("huge", MAX_JOB + 1, 1, 0)))
                .isInstanceOfSatisfying(ClusterRejection.class, e -> {
                    assertThat(e.kind()).isEqualTo(ClusterRejection.Kind.INVALID);
                    assertThat(e.getMessage()).contains("could never run");
                });
        assertThat(c.state()).isEqualTo(before);
    }

    @Test
    void allocationRepeatingAnInstalledAcceleratorIsNotAllowedAndAddsNone() {
        Cluster c = cluster();
        c.addAccelerators("r1", "rack-1", List.of("a", "b"));
        SchedulerState before = c.state();
        assertThatThrownBy(() -> c.addAccelerators("r2", "rack-2", List.of("c", "a")))
                .isInstanceOfSatisfying(ClusterRejection.class, e -> assertThat(e.kind()).isEqualTo(ClusterRejection.Kind.NOT_ALLOWED));
        assertThat(c.state()).isEqualTo(before);
        assertThat(c.totalAccelerators()).isEqualTo(2);
    }

    @Test
    void workloadWhoseGangsCouldNeverRunIsRefusedUpFront() {
        assertThatThrownBy(() -> new Cluster(settings(1, 512), new Workload(WorkloadTest.settings(7))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
    }

    @Test
    void acceleratorsOfAnUnknownRackAreWelcome() {
        Cluster c = cluster();
        assertThat(c.addAccelerators("never-asked", "rack-from-nowhere", List.of("x"))).isEqualTo(1);
        assertThat(c.rackOf("x")).contains("rack-from-nowhere");
    }

    // ---- power ------------------------------------------------------------------------------------

    @Test
    void drawIsItLoadTimesPueWithoutBudget() {
        Cluster c = cluster();
        c.addAccelerators("r", "rack", ids("a", 10));
        c.submit(job("j", 4, 10, 0));
        c.tick(T0);
        PowerReading p = c.power();
        assertThat(p.powerFactor()).isEqualTo(1);
        assertThat(p.drawWatts()).isEqualTo((4 * ACCELERATOR_WATTS + 6 * IDLE_WATTS) * PUE);
        assertThat(p.budgetWatts()).isNull();
    }

    @Test
    void budgetBelowTheDrawSlowsJobsToMeetItAtOnce() {
        Cluster c = cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("j", 8, 1, 0));
        c.tick(T0);
        double full = c.power().drawWatts();
        c.applyBudget(full / 2);
        assertThat(c.power().drawWatts()).isLessThanOrEqualTo(full / 2);
        assertThat(c.power().powerFactor()).isCloseTo(0.5, offset(1e-9));
        assertThat(c.power().demandWatts()).isEqualTo(full);

        assertThat(c.tick(at(1)).completedJobIds()).isEmpty(); // half speed: half done
        assertThat(c.tick(at(2)).completedJobIds()).containsExactly("j");
    }

    @Test
    void budgetBelowTheIdleFloorStopsJobsWithoutGoingNegative() {
        Cluster c = cluster();
        c.addAccelerators("r", "rack", ids("a", 8));
        c.submit(job("j", 4, 1, 0));
        c.tick(T0);
        c.applyBudget(1);
        assertThat(c.power().powerFactor()).isZero();
        assertThat(c.power().drawWatts()).isEqualTo(4 * IDLE_WATTS * PUE);
        c.tick(at(5));
        assertThat(c.runningJobs()).extracting(Job::progress).containsExactly(0.0);
    }

    @Test
    void negativeBudgetIsInvalid() {
        assertThatThrownBy(() -> cluster().applyBudget(-1)).isInstanceOf(ClusterRejection.class);
    }

    // ---- capacity loop ------------------------------------------------------------------------------

    @Test
    void shortfallIsRequestedInWholeRacksAndOnceUntilAnswered() {
        Cluster c = cluster();
        c.addAccelerators("r0", "rack-0", ids("a", 3));
        c.submit(job("j", 12, 1, 4));
        CapacityRequest first = c.tick(T0).capacityRequest().orElseThrow();
        assertThat(first.requestId()).isEqualTo("capreq-000001");
        assertThat(first.accelerators()).isEqualTo(16); // shortfall 9 -> two racks of 8
        assertThat(first.priority()).isEqualTo(4);
        assertThat(c.tick(at(1)).capacityRequest()).isEmpty();

        c.addAccelerators("capreq-000001", "rack-1", ids("b", 8)); // 11 free, still short of 12
        assertThat(c.outstandingRequest()).isEmpty();
        CapacityRequest second = c.tick(at(2)).capacityRequest().orElseThrow();
        assertThat(second.requestId()).isEqualTo("capreq-000002");
        assertThat(second.accelerators()).isEqualTo(8);
    }

    @Test
    void allocationForAnotherRequestLeavesTheOutstandingOneOpen() {
        Cluster c = cluster();
        c.submit(job("j", 4, 1, 0));
        c.tick(T0);
        c.addAccelerators("someone-else", "rack-x", ids("x", 2));
        assertThat(c.outstandingRequest()).map(CapacityRequest::requestId).contains("capreq-000001");
    }

    @Test
    void unansweredRequestIsRepeatedAfterTheRetryInterval() {
        Cluster c = cluster();
        c.submit(job("j", 4, 1, 0));
        assertThat(c.tick(T0).capacityRequest()).isPresent();
        assertThat(c.tick(at(23.9)).capacityRequest()).isEmpty();
        assertThat(c.tick(at(24)).capacityRequest()).map(CapacityRequest::requestId).contains("capreq-000002");
    }

    @Test
    void shortfallBelowTheThresholdIsNotRequested() {
        Cluster c = new Cluster(settings(5), null);
        c.addAccelerators("r", "rack", ids("a", 4));
        c.submit(job("j", 8, 1, 0));
        assertThat(c.tick(T0).capacityRequest()).isEmpty(); // short by 4 < 5
        c.submit(job("k", 1, 1, 0));
        assertThat(c.tick(at(0.1)).capacityRequest()).isPresent(); // short by 5
    }

    // ---- snapshots ----------------------------------------------------------------------------------

    @Test
    void snapshotRoundTripRestoresTheSameStateAndTheSameFuture() throws Exception {
        Cluster original = new Cluster(workloadSettings(), new Workload(WorkloadTest.settings(11)));
        original.addAccelerators("r", "rack-1", ids("a", 300));
        original.submit(job("manual", 8, 3, 2));
        original.applyBudget(200_000);
        for (int h = 0; h <= 30; h++) {
            original.tick(at(h));
        }
        String json = JSON.writeValueAsString(original.state());

        Cluster restored = new Cluster(workloadSettings(), new Workload(WorkloadTest.settings(11)));
        restored.restore(JSON.readValue(json, SchedulerState.class));

        assertThat(restored.state()).isEqualTo(original.state());
        assertThat(original.queue().size() + original.runningJobs().size() + original.completedJobs()).isPositive();
        for (int h = 31; h <= 80; h++) {
            assertThat(restored.tick(at(h))).as("tick at hour %d", h).isEqualTo(original.tick(at(h)));
        }
        assertThat(restored.state()).isEqualTo(original.state());
    }

    // ---- properties over seeded random sequences ----------------------------------------------------

    /** Forty seeds, spread out; a failure names its seed, which replays it exactly. */
    static Stream<Long> seeds() {
        return IntStream.rangeClosed(1, 40).mapToObj(i -> (long) i * 7919);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomSequencesKeepEveryJobOnceNoSharedAcceleratorAndTheBudget(long seed) {
        Random random = new Random(seed);
        Cluster c = new Cluster(settings(1 + random.nextInt(4)), null);
        Model model = new Model();
        Instant now = T0;
        int budgetsBinding = 0;
        for (int step = 0; step < 400; step++) {
            String what = "seed " + seed + " step " + step;
            switch (random.nextInt(10)) {
                case 0, 1, 2 -> submit(c, model, random, now);
                case 3 -> allocate(c, model, random);
                case 4 -> budget(c, random);
                default -> {
                    now = now.plusSeconds(60L * (1 + random.nextInt(240)));
                    TickReport report = c.tick(now);
                    for (String id : report.completedJobIds()) {
                        assertThat(model.completed.add(id)).as(what + ": " + id + " completed twice").isTrue();
                    }
                    report.capacityRequest().ifPresent(r -> {
                        assertThat(r.accelerators() % RACK).as(what + ": whole racks").isZero();
                        assertThat(r.requestId()).matches("capreq-\\d{6}");
                    });
                }
            }
            assertInvariants(c, model, what);
            budgetsBinding += c.power().powerFactor() < 1 && c.busyAccelerators() > 0 ? 1 : 0;
        }
        // guard against a vacuous run: jobs did complete and budgets did slow them
        assertThat(model.completed).as("seed %d completes jobs", seed).isNotEmpty();
        assertThat(budgetsBinding).as("seed %d runs under binding budgets", seed).isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void snapshotTakenAnywhereInASequenceResumesIdentically(long seed) throws Exception {
        Random random = new Random(seed);
        Cluster original = new Cluster(workloadSettings(), new Workload(WorkloadTest.settings(seed)));
        Cluster copy = null;
        int snapshotAt = 20 + random.nextInt(150);
        Instant now = T0;
        int accelerators = 0;
        for (int step = 0; step < 200; step++) {
            if (step == snapshotAt) {
                copy = new Cluster(workloadSettings(), new Workload(WorkloadTest.settings(seed)));
                copy.restore(JSON.readValue(JSON.writeValueAsString(original.state()), SchedulerState.class));
            }
            Function<Cluster, Object> op;
            int choice = random.nextInt(8);
            if (choice == 0) {
                List<String> ids = ids("acc" + accelerators++, RACK);
                op = c -> c.addAccelerators(c.outstandingRequest().map(CapacityRequest::requestId).orElse("none"),
                        "rack", ids);
            } else if (choice == 1) {
                double cap = random.nextDouble() * 2_000_000;
                op = c -> {
                    c.applyBudget(cap);
                    return c.power();
                };
            } else {
                now = now.plusSeconds(60L * (1 + random.nextInt(180)));
                Instant tickAt = now;
                op = c -> c.tick(tickAt);
            }
            Object result = op.apply(original);
            if (copy != null) {
                assertThat(op.apply(copy)).as("seed %d step %d", seed, step).isEqualTo(result);
            }
        }
        assertThat(copy).as("seed %d", seed).isNotNull();
        assertThat(copy.state()).as("seed %d", seed).isEqualTo(original.state());
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** What the test itself knows happened. */
    private static final class Model {
        final Set<String> installed = new HashSet<>();
        final Set<String> submitted = new HashSet<>();
        final Set<String> completed = new HashSet<>();
        int nextJob;
        int nextAccelerator;
    }

    private static void submit(Cluster c, Model model, Random random, Instant now) {
        boolean reuse = !model.submitted.isEmpty() && random.nextInt(10) == 0;
        String id = reuse ? model.submitted.iterator().next() : "job-" + model.nextJob++;
        int size = random.nextInt(20) == 0 ? MAX_JOB + 1 + random.nextInt(10) : 1 + random.nextInt(24);
        JobSpec spec = new JobSpec(id, "t" + random.nextInt(3), random.nextBoolean() ? "training" : "inference", size,
                0.2 + random.nextDouble() * 10, random.nextInt(3), now);
        boolean acceptable = !reuse && size <= MAX_JOB;
        SchedulerState before = c.state();
        if (acceptable) {
            c.submit(spec);
            model.submitted.add(id);
        } else {
            assertThatThrownBy(() -> c.submit(spec)).isInstanceOf(ClusterRejection.class);
            assertThat(c.state()).as("a refused submission changes nothing").isEqualTo(before);
        }
    }

    private static void allocate(Cluster c, Model model, Random random) {
        int n = 1 + random.nextInt(RACK);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("acc-" + model.nextAccelerator++);
        }
        boolean repeat = !model.installed.isEmpty() && random.nextInt(8) == 0;
        if (repeat) {
            ids.add(model.installed.iterator().next());
            SchedulerState before = c.state();
            assertThatThrownBy(() -> c.addAccelerators("req", "rack", ids)).isInstanceOf(ClusterRejection.class);
            assertThat(c.state()).as("a refused allocation changes nothing").isEqualTo(before);
            return;
        }
        String request = c.outstandingRequest().filter(r -> random.nextBoolean()).map(CapacityRequest::requestId)
                .orElse("other");
        c.addAccelerators(request, "rack-" + random.nextInt(50), ids);
        model.installed.addAll(ids);
    }

    private static void budget(Cluster c, Random random) {
        double demand = c.power().demandWatts();
        c.applyBudget(random.nextDouble() * 1.5 * Math.max(demand, 1000));
    }

    private static void assertInvariants(Cluster c, Model model, String what) {
        // every accepted job is queued, running or completed, exactly once
        List<Job> queued = c.queue().inOrder();
        List<Job> running = c.runningJobs();
        assertThat(c.acceptedJobs()).as(what + ": accepted").isEqualTo(model.submitted.size());
        assertThat(queued.size() + running.size() + c.completedJobs()).as(what + ": jobs counted once")
                .isEqualTo(c.acceptedJobs());
        assertThat(c.completedJobs()).as(what).isEqualTo(model.completed.size());
        Set<String> seen = new HashSet<>();
        Stream.concat(queued.stream(), running.stream()).map(Job::id).forEach(id ->
                assertThat(seen.add(id) && !model.completed.contains(id)).as(what + ": " + id + " in one state").isTrue());

        // gangs all or nothing, no accelerator runs two jobs
        Set<String> busy = new HashSet<>();
        for (Job job : running) {
            assertThat(job.accelerators()).as(what + ": gang of " + job.id()).hasSize(job.spec().accelerators());
            for (String a : job.accelerators()) {
                assertThat(busy.add(a)).as(what + ": " + a + " runs two jobs").isTrue();
                assertThat(c.jobOn(a)).as(what).contains(job.id());
                assertThat(model.installed).as(what).contains(a);
            }
        }
        queued.forEach(job -> assertThat(job.accelerators()).as(what + ": queued " + job.id()).isEmpty());
        assertThat(c.busyAccelerators()).as(what).isEqualTo(busy.size());
        assertThat(c.totalAccelerators()).as(what).isEqualTo(model.installed.size());
        assertThat(c.busyAccelerators() + c.freeAccelerators()).as(what).isEqualTo(c.totalAccelerators());

        // the draw keeps to the budget whenever the idle accelerators alone fit in it
        PowerReading p = c.power();
        assertThat(p.powerFactor()).as(what).isBetween(0.0, 1.0);
        if (p.budgetWatts() != null) {
            double idleFloor = c.freeAccelerators() * IDLE_WATTS * PUE;
            if (p.budgetWatts() >= idleFloor) {
                assertThat(p.drawWatts()).as(what + ": draw within budget").isLessThanOrEqualTo(p.budgetWatts());
            } else if (c.busyAccelerators() > 0) {
                assertThat(p.powerFactor()).as(what + ": budget below the idle floor stops jobs").isZero();
            }
        }
        assertThat(p.drawWatts()).as(what).isLessThanOrEqualTo(p.demandWatts());
    }
}
