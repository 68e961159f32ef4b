package io.terafab.scheduler.bench;

import io.terafab.scheduler.domain.CapacitySettings;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.ClusterSettings;
import io.terafab.scheduler.domain.FairShareSettings;
import io.terafab.scheduler.domain.JobRequest;
import io.terafab.scheduler.domain.JobTransition;
import io.terafab.scheduler.domain.PowerModel;
import io.terafab.scheduler.domain.PriorityClass;
import io.terafab.scheduler.domain.PriorityClasses;
import io.terafab.scheduler.domain.TickReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Scheduling passes at the issue's scale: 100,000 installed accelerators (racks of
 * 72, pods of 8 racks) and 10,000 queued jobs of the default mix's sizes, under a power budget
 * that caps. Each simulated 10-minute tick completes jobs and runs a full pass (resume, priority
 * preemption, ordered starts with EASY backfill, topology placement, power plan); the queue is
 * refilled to 10,000 before every tick. Counts the queued jobs the passes considered (each one
 * started, backfilled or held back, so mostly a scan of the queue: {@code jobs_considered_per_s})
 * and the gangs they placed ({@code gangs_placed_per_s}). Only the passes are timed. Ends with one
 * line of key=value figures.
 *
 * <p>Plain Java on the model alone (no Quarkus, no Kafka), so it measures the scheduler and not the
 * service around it: {@code java -cp 'scheduler-service/target/quarkus-app/app/*'
 * io.terafab.scheduler.bench.SchedulerBench [seconds to measure, default 10]}.
 */
public final class SchedulerBench {

    private static final int ACCELERATORS = 100_000;
    private static final int RACK = 72;
    private static final int QUEUED = 10_000;
    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    private static final List<String> TENANTS = List.of("research", "product", "inference", "labs", "partners");
    private static final List<String> CLASSES = List.of("critical", "high", "normal", "low");
    private static final int[] SIZES = {8, 8, 8, 16, 32, 64, 64, 128, 256, 512, 1024, 2048, 4096};

    private SchedulerBench() {}

    public static void main(String[] args) {
        double measureSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        Random random = new Random(42);
        Cluster cluster = new Cluster(settings(), null);
        for (int r = 0, installed = 0; installed < ACCELERATORS; r++) {
            int n = Math.min(RACK, ACCELERATORS - installed);
            List<String> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(String.format("acc-%06d", installed + i));
            }
            cluster.addAccelerators("bench", String.format("rack-%05d", r), ids);
            installed += n;
        }
        // 1.2 kW x 1.25 per accelerator at full power: 90% of the full-load draw makes the budget bind
        cluster.applyBudget(ACCELERATORS * 1200 * 1.25 * 0.9, T0);
        int[] next = {0};
        Instant now = T0;
        refill(cluster, random, next, now);

        // warm-up: fill the cluster and let the JIT compile the pass
        for (int i = 0; i < 50; i++) {
            now = now.plus(Duration.ofMinutes(10));
            cluster.tick(now);
            cluster.drainTransitions();
            refill(cluster, random, next, now);
        }

        long decisions = 0;
        long starts = 0;
        long nanos = 0;
        int ticks = 0;
        while (nanos < measureSeconds * 1e9) {
            now = now.plus(Duration.ofMinutes(10));
            long t = System.nanoTime();
            TickReport report = cluster.tick(now);
            nanos += System.nanoTime() - t;
            decisions += report.decisions();
            ticks++;
            for (JobTransition step : cluster.drainTransitions()) {
                if (step.kind() == JobTransition.Kind.STARTED || step.kind() == JobTransition.Kind.RESUMED) {
                    starts++;
                }
            }
            refill(cluster, random, next, now);
        }
        double seconds = nanos / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%d passes in %.1f s: %d queued jobs considered (each one started, backfilled or"
                        + " held back: mostly a scan of the queue), %d gangs placed%n",
                ticks,
                seconds,
                decisions,
                starts);
        System.out.printf(
                Locale.ROOT,
                "accelerators=%d queued_jobs=%d ticks=%d running_jobs=%d utilization=%.3f "
                        + "mean_tick_ms=%.2f gangs_placed=%d gangs_placed_per_s=%.0f jobs_considered_per_s=%.0f%n",
                cluster.totalAccelerators(),
                cluster.queue().size(),
                ticks,
                cluster.runningJobs().size(),
                cluster.utilization(),
                nanos / 1e6 / ticks,
                starts,
                starts / seconds,
                decisions / seconds);
    }

    private static void refill(Cluster cluster, Random random, int[] next, Instant now) {
        while (cluster.queue().size() < QUEUED) {
            int n = next[0]++;
            double hours = 0.25 * Math.pow(48 / 0.25, random.nextDouble()); // log-uniform, 15 min to 2 days
            cluster.submit(new JobRequest(
                    "bench-" + n,
                    TENANTS.get(random.nextInt(TENANTS.size())),
                    "training",
                    SIZES[random.nextInt(SIZES.length)],
                    hours,
                    null,
                    CLASSES.get(random.nextInt(CLASSES.size())),
                    null,
                    now));
        }
    }

    private static ClusterSettings settings() {
        PowerModel power = new PowerModel(1200, 300, 1.25, 0.4, 0.8, 1.0 / 3);
        PriorityClasses classes = new PriorityClasses(
                List.of(
                        new PriorityClass("critical", 1000, false),
                        new PriorityClass("high", 100, false),
                        new PriorityClass("normal", 0, true),
                        new PriorityClass("low", -100, true)),
                "normal");
        return new ClusterSettings(
                power,
                8,
                classes,
                new FairShareSettings(Map.of(), 1, Duration.ofDays(7)),
                Duration.ofHours(1),
                new CapacitySettings(RACK, Duration.ofHours(2), RACK, Duration.ofHours(24)),
                ACCELERATORS,
                100);
    }
}
