package io.terafab.scheduler.domain;

import static io.terafab.scheduler.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.terafab.testing.property.PropertySeeds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadTest {

    /** The service's default mix (application.properties), with the given seed. */
    static WorkloadSettings defaultMix(long seed) {
        return new WorkloadSettings(
                Duration.ofMinutes(30),
                seed,
                List.of(
                        new WorkloadProfile(
                                "experiments",
                                0.35,
                                List.of("research", "product"),
                                "training",
                                List.of(8, 32, 64, 128),
                                List.of(0.4, 0.3, 0.2, 0.1),
                                0.25,
                                24,
                                "low",
                                true),
                        new WorkloadProfile(
                                "fine-tuning",
                                0.23,
                                List.of("product", "research"),
                                "training",
                                List.of(64, 256, 512),
                                List.of(0.5, 0.35, 0.15),
                                2,
                                72,
                                "normal",
                                true),
                        new WorkloadProfile(
                                "inference",
                                0.40,
                                List.of("inference"),
                                "inference",
                                List.of(8, 16, 32, 64),
                                List.of(0.4, 0.3, 0.2, 0.1),
                                10 / 60.0,
                                12,
                                "critical",
                                false),
                        new WorkloadProfile(
                                "pretraining",
                                0.02,
                                List.of("research"),
                                "training",
                                List.of(1024, 2048, 4096),
                                List.of(0.5, 0.3, 0.2),
                                24,
                                504,
                                "high",
                                false)));
    }

    private static List<JobRequest> jobsOver(Workload workload, Duration span) {
        workload.arrivalsUntil(T0);
        return workload.arrivalsUntil(T0.plus(span));
    }

    @Test
    void sameSeedSubmitsTheSameJobsAtTheSameInstants() {
        assertThat(jobsOver(new Workload(defaultMix(7)), Duration.ofDays(3)))
                .isEqualTo(jobsOver(new Workload(defaultMix(7)), Duration.ofDays(3)))
                .isNotEmpty();
        assertThat(jobsOver(new Workload(defaultMix(7)), Duration.ofDays(3)))
                .isNotEqualTo(jobsOver(new Workload(defaultMix(8)), Duration.ofDays(3)));
    }

    @Test
    void firstCallOnlyStartsTheStream() {
        assertThat(new Workload(defaultMix(7)).arrivalsUntil(T0)).isEmpty();
    }

    static LongStream seeds() {
        return PropertySeeds.of(1, 7, 42, 1234, 99991);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void jobsDrawSizesDurationsTenantsAndClassesFromTheirProfiles(long seed) {
        List<JobRequest> jobs = jobsOver(new Workload(defaultMix(seed)), Duration.ofDays(120));
        assertThat(jobs).as("seed %d", seed).allSatisfy(job -> {
            assertThat(job.accelerators()).isBetween(8, 4096);
            assertThat(job.estimatedHours()).isBetween(10 / 60.0, 504.0);
            assertThat(job.jobId()).startsWith("wl-" + seed + "-");
            switch (job.priorityClass()) {
                case "critical" -> {
                    assertThat(job.tenant()).isEqualTo("inference");
                    assertThat(job.kind()).isEqualTo("inference");
                    assertThat(job.estimatedHours()).isLessThanOrEqualTo(12);
                }
                case "high" -> assertThat(job.accelerators()).isIn(1024, 2048, 4096);
                case "normal", "low" -> assertThat(job.tenant()).isIn("research", "product");
                default -> throw new AssertionError("unexpected class " + job.priorityClass());
            }
        });
        assertThat(jobs.stream().map(JobRequest::jobId).distinct().count())
                .as("seed %d", seed)
                .isEqualTo(jobs.size());
        assertThat(jobs.stream().map(JobRequest::submittedAt).toList())
                .as("seed %d", seed)
                .isSorted();
        assertThat(jobs)
                .as("seed %d: minutes to weeks", seed)
                .anySatisfy(j -> assertThat(j.estimatedHours()).isLessThan(1))
                .anySatisfy(j -> assertThat(j.estimatedHours()).isGreaterThan(7 * 24));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42})
    void meanInterarrivalAndProfileWeightsMatchTheSettingsOverManyJobs(long seed) {
        Duration span = Duration.ofDays(365);
        List<JobRequest> jobs = jobsOver(new Workload(defaultMix(seed)), span);
        assertThat(span.toMinutes() / (double) jobs.size()).as("seed %d", seed).isCloseTo(30, within(1.0));
        Map<String, Long> byClass =
                jobs.stream().collect(Collectors.groupingBy(JobRequest::priorityClass, Collectors.counting()));
        assertThat(byClass.get("critical") / (double) jobs.size())
                .as("seed %d", seed)
                .isCloseTo(0.40, within(0.02));
        assertThat(byClass.get("high") / (double) jobs.size())
                .as("seed %d", seed)
                .isCloseTo(0.02, within(0.005));
    }

    @Test
    void defaultMixKeepsAbout14000AcceleratorsBusy() {
        // the figure application.properties documents: arrival rate x mean accelerator-hours per job
        assertThat(new Workload(defaultMix(7)).meanBusyAccelerators()).isCloseTo(14_000, within(500.0));
    }

    @Test
    void restoredStreamGoesOnWithTheSameJobs() {
        Workload original = new Workload(defaultMix(7));
        original.arrivalsUntil(T0);
        original.arrivalsUntil(T0.plus(Duration.ofHours(10)));
        Workload restored = new Workload(defaultMix(7));
        restored.restore(original.state());
        Function<Workload, List<JobRequest>> nextDay =
                w -> new ArrayList<>(w.arrivalsUntil(T0.plus(Duration.ofHours(34))));
        assertThat(nextDay.apply(restored)).isEqualTo(nextDay.apply(original)).isNotEmpty();
        assertThat(restored.generated()).isEqualTo(original.generated());
    }

    @Test
    void profileWithoutOneWeightPerSizeIsRefused() {
        assertThatThrownBy(() -> new WorkloadProfile(
                        "p", 1, List.of("t"), "training", List.of(8, 64), List.of(1.0), 1, 48, "normal", true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void arrivalsAreEachAtTheirOwnInstant() {
        Workload w = new Workload(defaultMix(3));
        w.arrivalsUntil(T0);
        Instant end = T0.plus(Duration.ofDays(1));
        assertThat(w.arrivalsUntil(end))
                .allSatisfy(j -> assertThat(j.submittedAt()).isBetween(T0, end));
    }
}
