package io.terafab.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadTest {

    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");

    /** The service's defaults, with the given seed. */
    static WorkloadSettings settings(long seed) {
        return new WorkloadSettings(Duration.ofMinutes(20), seed, List.of(8, 64, 256, 1024),
                List.of(0.5, 0.3, 0.15, 0.05), 1, 48, List.of("research", "product", "inference"), Set.of("inference"));
    }

    private static List<JobSpec> jobsOver(Workload workload, Duration span) {
        workload.arrivalsUntil(T0);
        return workload.arrivalsUntil(T0.plus(span));
    }

    @Test
    void sameSeedSubmitsTheSameJobsAtTheSameInstants() {
        assertThat(jobsOver(new Workload(settings(7)), Duration.ofDays(3)))
                .isEqualTo(jobsOver(new Workload(settings(7)), Duration.ofDays(3)))
                .isNotEmpty();
        assertThat(jobsOver(new Workload(settings(7)), Duration.ofDays(3)))
                .isNotEqualTo(jobsOver(new Workload(settings(8)), Duration.ofDays(3)));
    }

    @Test
    void firstCallOnlyStartsTheStream() {
        assertThat(new Workload(settings(7)).arrivalsUntil(T0)).isEmpty();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 1234, 99991})
    void jobsDrawSizesDurationsAndTenantsFromTheConfiguredRanges(long seed) {
        List<JobSpec> jobs = jobsOver(new Workload(settings(seed)), Duration.ofDays(60));
        assertThat(jobs).as("seed %d", seed).allSatisfy(job -> {
            assertThat(job.accelerators()).isIn(8, 64, 256, 1024);
            assertThat(job.durationHours()).isBetween(1.0, 48.0);
            assertThat(job.tenant()).isIn("research", "product", "inference");
            assertThat(job.kind()).isEqualTo(job.tenant().equals("inference") ? "inference" : "training");
            assertThat(job.jobId()).startsWith("wl-" + seed + "-");
        });
        assertThat(jobs.stream().map(JobSpec::jobId).distinct().count()).as("seed %d", seed).isEqualTo(jobs.size());
        List<Instant> times = jobs.stream().map(JobSpec::submittedAt).toList();
        assertThat(times).as("seed %d", seed).isSorted();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42})
    void meanInterarrivalAndSizeWeightsMatchTheSettingsOverManyJobs(long seed) {
        Duration span = Duration.ofDays(365);
        List<JobSpec> jobs = jobsOver(new Workload(settings(seed)), span);
        double meanMinutes = span.toMinutes() / (double) jobs.size();
        assertThat(meanMinutes).as("seed %d", seed).isCloseTo(20, within(1.0));
        Map<Integer, Long> bySize = jobs.stream().collect(Collectors.groupingBy(JobSpec::accelerators, Collectors.counting()));
        assertThat(bySize.get(8) / (double) jobs.size()).as("seed %d", seed).isCloseTo(0.5, within(0.02));
        assertThat(bySize.get(1024) / (double) jobs.size()).as("seed %d", seed).isCloseTo(0.05, within(0.01));
    }

    @Test
    void restoredStreamGoesOnWithTheSameJobs() {
        Workload original = new Workload(settings(7));
        original.arrivalsUntil(T0);
        original.arrivalsUntil(T0.plus(Duration.ofHours(10)));
        Workload restored = new Workload(settings(7));
        restored.restore(original.state());
        Function<Workload, List<JobSpec>> nextDay = w -> new ArrayList<>(w.arrivalsUntil(T0.plus(Duration.ofHours(34))));
        assertThat(nextDay.apply(restored)).isEqualTo(nextDay.apply(original)).isNotEmpty();
        assertThat(restored.generated()).isEqualTo(original.generated());
    }

    @Test
    void sizesWithoutOneWeightEachAreRefused() {
        assertThatThrownBy(() -> new WorkloadSettings(Duration.ofMinutes(20), 7, List.of(8, 64), List.of(1.0), 1, 48,
                List.of("research"), Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
