package io.terafab.scheduler.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Small, round figures for domain tests: racks of 8, pods of 4 racks, 1 kW accelerators idling at 250 W, PUE 1.25. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    static final double FULL_WATTS = 1000;
    static final double IDLE_WATTS = 250;
    static final double PUE = 1.25;
    static final double MIN_SHARE = 0.4;
    static final double START_SHARE = 0.8;
    static final int RACK = 8;
    static final int MAX_JOB = 512;

    private Fixtures() {}

    static PowerModel power() {
        return new PowerModel(FULL_WATTS, IDLE_WATTS, PUE, MIN_SHARE, START_SHARE, 1.0 / 3);
    }

    static PriorityClasses classes() {
        return new PriorityClasses(
                List.of(
                        new PriorityClass("critical", 1000, false),
                        new PriorityClass("high", 100, false),
                        new PriorityClass("normal", 0, true),
                        new PriorityClass("low", -100, true)),
                "normal");
    }

    static Settings settings() {
        return new Settings();
    }

    static Cluster cluster() {
        return settings().cluster();
    }

    /** A settings builder: the defaults above, changed where a test needs it. */
    static final class Settings {
        int racksPerPod = 4;
        Map<String, Double> weights = Map.of();
        Duration halfLife = Duration.ofDays(7);
        Duration preemptionWait = Duration.ofHours(1);
        int backlogThreshold = 1;
        Duration waitThreshold = Duration.ofHours(2);
        Duration retry = Duration.ofHours(24);
        int maxJob = MAX_JOB;
        int history = 10;

        Settings racksPerPod(int value) {
            racksPerPod = value;
            return this;
        }

        Settings weights(Map<String, Double> value) {
            weights = value;
            return this;
        }

        Settings preemptionWait(Duration value) {
            preemptionWait = value;
            return this;
        }

        Settings backlogThreshold(int value) {
            backlogThreshold = value;
            return this;
        }

        Settings maxJob(int value) {
            maxJob = value;
            return this;
        }

        ClusterSettings build() {
            return new ClusterSettings(
                    power(),
                    racksPerPod,
                    classes(),
                    new FairShareSettings(weights, 1, halfLife),
                    preemptionWait,
                    new CapacitySettings(backlogThreshold, waitThreshold, RACK, retry),
                    maxJob,
                    history);
        }

        Cluster cluster() {
            return new Cluster(build(), null);
        }
    }

    static JobRequest job(String id, int accelerators, double hours) {
        return job(id, "research", accelerators, hours, "normal");
    }

    static JobRequest job(String id, String tenant, int accelerators, double hours, String priorityClass) {
        return new JobRequest(id, tenant, "training", accelerators, hours, null, priorityClass, null, T0);
    }

    static JobRequest job(
            String id,
            String tenant,
            int accelerators,
            double hours,
            String priorityClass,
            boolean preemptible,
            Instant at) {
        return new JobRequest(id, tenant, "training", accelerators, hours, null, priorityClass, preemptible, at);
    }

    static List<String> ids(String prefix, int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> String.format("%s-%04d", prefix, i))
                .toList();
    }

    /** Installs {@code racks} full racks named {@code rack-<i>}, accelerators {@code a<i>-<n>}. */
    static void racks(Cluster cluster, int racks) {
        for (int r = 0; r < racks; r++) {
            cluster.addAccelerators("setup", String.format("rack-%03d", r), ids("a" + r, RACK));
        }
    }

    static Instant at(double hours) {
        return T0.plusMillis(Math.round(hours * 3_600_000));
    }

    /** Kinds of the drained steps of one job, in order. */
    static List<String> steps(List<JobTransition> transitions, String jobId) {
        List<String> kinds = new ArrayList<>();
        transitions.stream()
                .filter(t -> t.job().jobId().equals(jobId))
                .forEach(t -> kinds.add(t.kind().label()));
        return kinds;
    }
}
