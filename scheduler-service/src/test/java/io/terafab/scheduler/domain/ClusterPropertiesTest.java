package io.terafab.scheduler.domain;

import static io.terafab.scheduler.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.terafab.platform.model.ModelRejection;
import io.terafab.testing.property.PropertySeeds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random sequences of valid and invalid changes (submissions, cancellations, allocations,
 * removals, budgets, ticks); after every step the truths of the design brief hold. A failure names
 * its seed and step, which replay it exactly.
 */
class ClusterPropertiesTest {

    private static final ObjectMapper JSON =
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final List<String> CLASSES = List.of("critical", "high", "normal", "low");
    private static final int STEPS = 400;

    static LongStream seeds() {
        return PropertySeeds.of(LongStream.rangeClosed(1, 25).map(i -> i * 7919).toArray());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomSequencesKeepEveryJobOnceEveryAcceleratorToOneJobGangsWholeAndTheBudget(long seed) {
        Random random = new Random(seed);
        Cluster c = Fixtures.settings()
                .racksPerPod(1 + random.nextInt(4))
                .preemptionWait(java.time.Duration.ofMinutes(random.nextInt(240)))
                .cluster();
        Model model = new Model();
        Instant now = T0;
        int cappedSteps = 0;
        for (int step = 0; step < STEPS; step++) {
            String what = "seed " + seed + " step " + step;
            switch (random.nextInt(12)) {
                case 0, 1, 2 -> submit(c, model, random, now);
                case 3 -> allocate(c, model, random);
                case 4 -> remove(c, model, random, now);
                case 5 -> cancel(c, model, random, now);
                case 6 -> {
                    double demand = c.power().demandWatts();
                    c.applyBudget(random.nextDouble() * 1.3 * Math.max(demand, 1000), now);
                    assertThat(c.power().drawWatts())
                            .as(what + ": draw within the new budget at once")
                            .isLessThanOrEqualTo(c.power().budgetWatts());
                }
                default -> {
                    now = now.plusSeconds(60L * (1 + random.nextInt(240)));
                    TickReport report = c.tick(now);
                    if (report.power().budgetWatts() != null) {
                        assertThat(report.power().drawWatts())
                                .as(what + ": draw within budget on the tick")
                                .isLessThanOrEqualTo(report.power().budgetWatts());
                    }
                    report.capacityRequest()
                            .ifPresent(r -> assertThat(r.accelerators() % Fixtures.RACK)
                                    .as(what + ": whole racks")
                                    .isZero());
                }
            }
            model.follow(c.drainTransitions(), what);
            assertInvariants(c, model, what);
            cappedSteps += c.power().cappedJobs() > 0 ? 1 : 0;
        }
        // guard against a vacuous run: jobs did end every way and budgets did bind
        assertThat(model.ended).as("seed %d ends jobs", seed).containsValue("completed");
        assertThat(cappedSteps + c.jobCounts().pausedForPower() + c.jobCounts().preemptedForPower())
                .as("seed %d runs under binding budgets", seed)
                .isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void snapshotTakenAnywhereInASequenceResumesIdentically(long seed) throws Exception {
        Random random = new Random(seed);
        Function<Void, Cluster> fresh =
                v -> new Cluster(Fixtures.settings().maxJob(8192).build(), new Workload(WorkloadTest.defaultMix(seed)));
        Cluster original = fresh.apply(null);
        Cluster copy = null;
        int snapshotAt = 20 + random.nextInt(150);
        Instant now = T0;
        int racks = 0;
        for (int step = 0; step < 200; step++) {
            if (step == snapshotAt) {
                copy = fresh.apply(null);
                copy.restore(JSON.readValue(JSON.writeValueAsString(original.state()), SchedulerState.class));
                assertThat(copy.state()).as("seed %d", seed).isEqualTo(original.state());
            }
            Function<Cluster, Object> op;
            int choice = random.nextInt(8);
            if (choice == 0) {
                List<String> ids = Fixtures.ids("acc" + racks, 64);
                String rack = "rack-" + racks++;
                op = c -> c.addAccelerators(
                        c.outstandingRequest().map(CapacityRequest::requestId).orElse("none"), rack, ids);
            } else if (choice == 1) {
                double cap = random.nextDouble() * 2_000_000;
                Instant at = now;
                op = c -> {
                    c.applyBudget(cap, at);
                    return c.power();
                };
            } else {
                now = now.plusSeconds(60L * (1 + random.nextInt(180)));
                Instant tickAt = now;
                op = c -> c.tick(tickAt);
            }
            Object result = op.apply(original);
            List<JobTransition> steps = original.drainTransitions();
            if (copy != null) {
                assertThat(op.apply(copy)).as("seed %d step %d", seed, step).isEqualTo(result);
                assertThat(copy.drainTransitions())
                        .as("seed %d step %d", seed, step)
                        .isEqualTo(steps);
            }
        }
        assertThat(copy).as("seed %d", seed).isNotNull();
        assertThat(copy.state()).as("seed %d", seed).isEqualTo(original.state());
    }

    // ---- what the test itself knows happened ---------------------------------------------------

    private static final class Model {
        final Set<String> installed = new HashSet<>();
        final Set<String> removed = new HashSet<>();
        final Set<String> accepted = new HashSet<>();
        final Map<String, String> lastStep = new HashMap<>();
        final Map<String, String> ended = new HashMap<>();
        int nextJob;
        int nextAccelerator;

        /** Checks each job's steps follow its life: queued first, one end, nothing after it. */
        void follow(List<JobTransition> steps, String what) {
            for (JobTransition t : steps) {
                String id = t.job().jobId();
                String previous = lastStep.get(id);
                String kind = t.kind().label();
                assertThat(ended)
                        .as(what + ": " + id + " stepped after it ended")
                        .doesNotContainKey(id);
                switch (t.kind()) {
                    case QUEUED ->
                        assertThat(previous)
                                .as(what + ": " + id + " queued twice")
                                .isNull();
                    case STARTED ->
                        assertThat(previous).as(what + ": " + id + " started").isEqualTo("queued");
                    case RESUMED ->
                        assertThat(previous).as(what + ": " + id + " resumed").isIn("preempted", "paused");
                    case PREEMPTED, PAUSED ->
                        assertThat(previous).as(what + ": " + id + " " + kind).isIn("started", "resumed");
                    case COMPLETED ->
                        assertThat(previous).as(what + ": " + id + " completed").isIn("started", "resumed");
                    case FAILED ->
                        assertThat(previous).as(what + ": " + id + " failed").isIn("started", "resumed", "paused");
                    case CANCELLED ->
                        assertThat(previous).as(what + ": " + id + " cancelled").isNotNull();
                }
                lastStep.put(id, kind);
                if (t.kind().endsJob()) {
                    ended.put(id, kind);
                }
            }
        }
    }

    private static void submit(Cluster c, Model model, Random random, Instant now) {
        boolean reuse = !model.accepted.isEmpty() && random.nextInt(10) == 0;
        String id = reuse ? model.accepted.iterator().next() : "job-" + model.nextJob++;
        int size = random.nextInt(20) == 0 ? Fixtures.MAX_JOB + 1 + random.nextInt(10) : 1 + random.nextInt(24);
        boolean unknownClass = random.nextInt(25) == 0;
        String priorityClass = unknownClass ? "urgent" : CLASSES.get(random.nextInt(CLASSES.size()));
        Boolean preemptible = random.nextInt(3) == 0 ? null : random.nextBoolean();
        JobRequest request = new JobRequest(
                id,
                "t" + random.nextInt(3),
                random.nextBoolean() ? "training" : "inference",
                size,
                0.2 + random.nextDouble() * 10,
                null,
                priorityClass,
                preemptible,
                now);
        if (!reuse && size <= Fixtures.MAX_JOB && !unknownClass) {
            c.submit(request);
            model.accepted.add(id);
        } else {
            refused(c, () -> c.submit(request));
        }
    }

    private static void allocate(Cluster c, Model model, Random random) {
        int n = 1 + random.nextInt(Fixtures.RACK);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("acc-" + model.nextAccelerator++);
        }
        if (!model.installed.isEmpty() && random.nextInt(8) == 0) {
            ids.add(model.installed.iterator().next());
            refused(c, () -> c.addAccelerators("req", "rack", ids));
            return;
        }
        String request = c.outstandingRequest()
                .filter(r -> random.nextBoolean())
                .map(CapacityRequest::requestId)
                .orElse("other");
        c.addAccelerators(request, "rack-" + random.nextInt(50), ids);
        model.installed.addAll(ids);
    }

    private static void remove(Cluster c, Model model, Random random, Instant now) {
        if (model.installed.isEmpty() || random.nextInt(6) == 0) {
            String bad = random.nextBoolean() || model.removed.isEmpty()
                    ? "ghost"
                    : model.removed.iterator().next();
            refused(c, () -> c.removeAccelerators(List.of(bad), "test", now));
            return;
        }
        List<String> installed = new ArrayList<>(model.installed);
        installed.sort(null);
        String id = installed.get(random.nextInt(installed.size()));
        c.removeAccelerators(List.of(id), "test", now);
        model.installed.remove(id);
        model.removed.add(id);
    }

    private static void cancel(Cluster c, Model model, Random random, Instant now) {
        if (model.accepted.isEmpty() || random.nextInt(5) == 0) {
            refused(c, () -> c.cancel("never-submitted", null, now));
            return;
        }
        List<String> ids = new ArrayList<>(model.accepted);
        ids.sort(null);
        String id = ids.get(random.nextInt(ids.size()));
        if (model.ended.containsKey(id)) {
            refused(c, () -> c.cancel(id, null, now));
        } else {
            c.cancel(id, "test", now);
        }
    }

    private static void refused(Cluster c, Runnable change) {
        SchedulerState before = c.state();
        assertThatThrownBy(change::run).isInstanceOf(ModelRejection.class);
        assertThat(c.state()).as("a refused change changes nothing").isEqualTo(before);
    }

    private static void assertInvariants(Cluster c, Model model, String what) {
        // every accepted job is queued, running, paused or ended, exactly once
        List<Job> queued = c.queue().inOrder(Integer.MAX_VALUE);
        List<Job> running = c.runningJobs();
        List<Job> paused = c.pausedJobs();
        assertThat(c.jobCounts().accepted()).as(what + ": accepted").isEqualTo(model.accepted.size());
        long ended = c.jobCounts().completed()
                + c.jobCounts().failed()
                + c.jobCounts().cancelled();
        assertThat(queued.size() + running.size() + paused.size() + ended)
                .as(what + ": every job counted once")
                .isEqualTo(c.jobCounts().accepted());
        assertThat(ended).as(what + ": ended once each").isEqualTo(model.ended.size());
        Set<String> active = new HashSet<>();
        Stream.of(queued, running, paused).flatMap(List::stream).forEach(job -> {
            assertThat(active.add(job.id()))
                    .as(what + ": " + job.id() + " in two states")
                    .isTrue();
            assertThat(model.ended)
                    .as(what + ": " + job.id() + " active after it ended")
                    .doesNotContainKey(job.id());
        });
        for (String id : model.accepted) {
            assertThat(active.contains(id) || model.ended.containsKey(id))
                    .as(what + ": " + id + " lost")
                    .isTrue();
        }

        // gangs all or nothing, no accelerator runs two jobs
        Set<String> held = new HashSet<>();
        for (Job job : Stream.concat(running.stream(), paused.stream()).toList()) {
            assertThat(job.gang())
                    .as(what + ": gang of " + job.id())
                    .hasSize(job.spec().accelerators());
            for (String a : job.gang()) {
                assertThat(held.add(a))
                        .as(what + ": " + a + " held by two jobs")
                        .isTrue();
                assertThat(c.jobOn(a)).as(what).contains(job.id());
                assertThat(model.installed)
                        .as(what + ": " + a + " of " + job.id() + " installed")
                        .contains(a);
            }
        }
        queued.forEach(
                job -> assertThat(job.gang()).as(what + ": queued " + job.id()).isEmpty());
        assertThat(c.busyAccelerators() + c.pausedAccelerators()).as(what).isEqualTo(held.size());
        assertThat(c.totalAccelerators()).as(what).isEqualTo(model.installed.size());
        assertThat(c.busyAccelerators() + c.pausedAccelerators() + c.freeAccelerators())
                .as(what)
                .isEqualTo(c.totalAccelerators());

        // power: the draw never exceeds the budget, nor the demand
        PowerReading p = c.power();
        if (p.budgetWatts() != null) {
            assertThat(p.drawWatts()).as(what + ": draw within budget").isLessThanOrEqualTo(p.budgetWatts());
        }
        assertThat(p.drawWatts()).as(what).isLessThanOrEqualTo(p.demandWatts() * (1 + 1e-12));
        running.forEach(j ->
                assertThat(j.powerShare()).as(what + ": share of " + j.id()).isBetween(Fixtures.MIN_SHARE, 1.0));
    }
}
