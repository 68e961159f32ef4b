package io.terafab.sensors.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.terafab.contract.AcceleratorHealthReported;
import io.terafab.contract.EventTypes;
import io.terafab.contract.JobSubmitted;
import io.terafab.contract.MeterReadingReported;
import io.terafab.contract.ToolTelemetryReported;
import io.terafab.platform.envelope.CloudEventHeaders;
import io.terafab.sensors.generator.Catalog.RackSlice;
import io.terafab.sensors.generator.Catalog.Tool;
import io.terafab.testing.property.PropertySeeds;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SensorTrafficGeneratorTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    static GeneratorSettings.Builder settings(long seed) {
        return GeneratorSettings.builder().seed(seed).runId("test").weight(SensorTopic.JOBS, 0.02);
    }

    /** Draws records one by one: oversized ones are 300 KiB, too many to keep. */
    static void draw(GeneratorSettings settings, Catalog catalog, Duration step, int n, Consumer<SensorRecord> check) {
        SensorTrafficGenerator generator = new SensorTrafficGenerator(settings, catalog, new SteppingClock(step));
        for (int i = 0; i < n; i++) {
            check.accept(generator.next());
        }
    }

    static List<SensorRecord> draw(GeneratorSettings settings, Catalog catalog, Duration step, int n) {
        List<SensorRecord> records = new ArrayList<>(n);
        draw(settings, catalog, step, n, records::add);
        return records;
    }

    static LongStream seeds() {
        return PropertySeeds.of(1, 7, 20270101);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theSameSeedCatalogAndTimesGiveTheSameRecordsByteForByte(long seed) {
        GeneratorSettings s = settings(seed)
                .badShare(0.2)
                .toolBreakdownMtbf(Duration.ofHours(20))
                .build();
        SensorTrafficGenerator first =
                new SensorTrafficGenerator(s, TestCatalogs.small(), new SteppingClock(Duration.ofMinutes(1)));
        SensorTrafficGenerator second =
                new SensorTrafficGenerator(s, TestCatalogs.small(), new SteppingClock(Duration.ofMinutes(1)));
        for (int i = 0; i < 5_000; i++) {
            SensorRecord a = first.next();
            SensorRecord b = second.next();
            assertThat(b.topic()).as("seed %d, record %d", seed, i).isEqualTo(a.topic());
            assertThat(b.key()).as("seed %d, record %d", seed, i).isEqualTo(a.key());
            assertThat(b.headers()).as("seed %d, record %d", seed, i).containsExactlyEntriesOf(a.headers());
            assertThat(b.value()).as("seed %d, record %d", seed, i).isEqualTo(a.value());
            assertThat(b.bad()).as("seed %d, record %d", seed, i).isEqualTo(a.bad());
        }
    }

    @Test
    void anotherSeedGivesAnotherSequence() {
        List<SensorRecord> one = draw(settings(1).build(), TestCatalogs.small(), ONE_SECOND, 200);
        List<SensorRecord> two = draw(settings(2).build(), TestCatalogs.small(), ONE_SECOND, 200);
        long same = 0;
        for (int i = 0; i < one.size(); i++) {
            same += Arrays.equals(one.get(i).value(), two.get(i).value()) ? 1 : 0;
        }
        assertThat(same).isLessThan(20);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.01, 0.1, 0.5, 1})
    void theShareOfBadRecordsIsTheOneAskedFor(double share) {
        int n = 20_000;
        long[] badCount = {0};
        draw(
                settings(3).badShare(share).build(),
                TestCatalogs.small(),
                ONE_SECOND,
                n,
                r -> badCount[0] += r.good() ? 0 : 1);
        double bad = badCount[0] / (double) n;
        // five standard deviations of a binomial share; a bad record that cannot be made yet (a replay
        // before anything was sent) is a good one instead, which only the first records of a run can hit
        double tolerance = 5 * Math.sqrt(share * (1 - share) / n) + 0.002;
        assertThat(bad).as("share of bad records asked %s", share).isCloseTo(share, offset(tolerance));
    }

    @Test
    void everyGoodRecordIsACompleteEnvelopeWhosePayloadIsItsContractRecordAboutAKnownEntity() {
        Catalog catalog = TestCatalogs.small();
        GeneratorSettings s = settings(5)
                .badShare(0.3)
                .toolBreakdownMtbf(Duration.ofHours(10))
                .breakerTripsPerYear(500)
                .acceleratorAnnualFailureRate(1)
                .build();
        List<SensorRecord> good = new ArrayList<>();
        draw(s, catalog, Duration.ofMinutes(2), 20_000, r -> {
            if (r.good()) {
                good.add(r);
            }
        });
        Set<String> ids = new HashSet<>();
        Set<String> tools = catalog.tools().stream().map(Tool::toolId).collect(Collectors.toSet());
        Map<String, Integer> goodByTopic = new HashMap<>();
        for (SensorRecord r : good) {
            goodByTopic.merge(r.topic(), 1, Integer::sum);
            Map<String, String> h = r.headers();
            assertThat(h)
                    .as("%s", h)
                    .containsEntry(CloudEventHeaders.SPEC_VERSION, "1.0")
                    .containsEntry(CloudEventHeaders.SOURCE, "sensor-simulator")
                    .containsEntry(CloudEventHeaders.SUBJECT, r.key());
            assertThat(ids.add(h.get(CloudEventHeaders.ID)))
                    .as("id %s unique", h.get(CloudEventHeaders.ID))
                    .isTrue();
            OffsetDateTime.parse(h.get(CloudEventHeaders.TIME)); // RFC 3339
            Object payload = ContractPayloads.read(r);
            if (payload instanceof ToolTelemetryReported t) {
                assertThat(h.get(CloudEventHeaders.TYPE)).isEqualTo(EventTypes.TOOL_TELEMETRY_REPORTED);
                assertThat(t.toolId()).isEqualTo(r.key()).isIn(tools);
                assertThat(t.at().toString()).isEqualTo(h.get(CloudEventHeaders.TIME));
            } else if (payload instanceof MeterReadingReported m) {
                assertThat(h.get(CloudEventHeaders.TYPE)).isEqualTo(EventTypes.METER_READING_REPORTED);
                assertThat(m.meterId()).isEqualTo(r.key()).isEqualTo("meter-" + m.asset());
                assertThat(m.asset()).isIn(catalog.power().assetIds());
                assertThat(m.at().toString()).isEqualTo(h.get(CloudEventHeaders.TIME));
            } else if (payload instanceof AcceleratorHealthReported a) {
                assertThat(h.get(CloudEventHeaders.TYPE)).isEqualTo(EventTypes.ACCELERATOR_HEALTH_REPORTED);
                assertThat(a.acceleratorId()).isEqualTo(r.key()).isNotIn(catalog.retired());
                assertThat(catalog.installed()).anySatisfy(slice -> {
                    assertThat(slice.rackId()).isEqualTo(a.rackId());
                    assertThat(slice.holds(serialOf(a.acceleratorId()))).isTrue();
                    assertThat(a.acceleratorId()).isEqualTo(slice.acceleratorId(serialOf(a.acceleratorId())));
                });
                assertThat(a.observedAt().toString()).isEqualTo(h.get(CloudEventHeaders.TIME));
            } else if (payload instanceof JobSubmitted j) {
                assertThat(h.get(CloudEventHeaders.TYPE)).isEqualTo(EventTypes.JOB_SUBMITTED);
                assertThat(j.jobId()).isEqualTo(r.key()).startsWith("test-job-");
                assertThat(j.tenant()).isIn(catalog.tenants());
                assertThat(j.priorityClass()).isIn(catalog.priorityClasses());
            } else {
                throw new AssertionError("unexpected payload " + payload);
            }
        }
        assertThat(goodByTopic)
                .containsOnlyKeys(
                        "sensor.tool-telemetry", "sensor.meter-readings", "sensor.accelerator-health", "jobs.requests");
    }

    @Test
    void telemetryDominatesTheEverydayStreamByTheMixWeights() {
        List<SensorRecord> records = draw(
                GeneratorSettings.builder()
                        .runId("test")
                        .jobMeanInterarrival(Duration.ZERO)
                        .build(),
                TestCatalogs.small(),
                Duration.ofMillis(50),
                20_000);
        Map<String, Long> byTopic =
                records.stream().collect(Collectors.groupingBy(SensorRecord::topic, Collectors.counting()));
        assertThat(byTopic.get("sensor.tool-telemetry") / 20_000.0).isBetween(0.88, 0.92);
        assertThat(byTopic.get("sensor.accelerator-health") / 20_000.0).isBetween(0.06, 0.08);
        assertThat(byTopic.get("sensor.meter-readings") / 20_000.0).isBetween(0.02, 0.04);
        assertThat(byTopic).doesNotContainKey("jobs.requests");
    }

    @Test
    void aRefreshedCatalogIsWhatTheNextRecordsName() {
        SensorTrafficGenerator generator = new SensorTrafficGenerator(
                GeneratorSettings.builder()
                        .runId("test")
                        .weight(SensorTopic.METER_READINGS, 0)
                        .weight(SensorTopic.ACCELERATOR_HEALTH, 0)
                        .build(),
                TestCatalogs.small(),
                new SteppingClock(ONE_SECOND));
        List<Tool> newTools = List.of(
                new Tool("etch-9.1", "etch-9", "etch", "productive", false),
                new Tool("etch-9.2", "etch-9", "etch", "productive", false));
        generator.updateCatalog(TestCatalogs.small()
                .withTools(newTools)
                .withAccelerators(List.of(new RackSlice("rack-00009", "TX9", 1000, 8)), Set.of()));
        for (int i = 0; i < 200; i++) {
            SensorRecord r = generator.next();
            if (r.topic().equals("sensor.tool-telemetry")) {
                assertThat(r.key()).isIn("etch-9.1", "etch-9.2");
            }
        }
        assertThat(generator.catalog().tools()).isEqualTo(newTools);
    }

    @Test
    void aCatalogNamingNothingToReportOnIsRefusedWithTheReason() {
        SensorTrafficGenerator generator = new SensorTrafficGenerator(
                GeneratorSettings.builder()
                        .runId("test")
                        .jobMeanInterarrival(Duration.ZERO)
                        .build(),
                Catalog.EMPTY,
                new SteppingClock(ONE_SECOND));
        assertThatThrownBy(generator::next)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing to report on");
    }

    @Test
    void theBadShareCanChangeWhileRunningButOnlyWithinZeroAndOne() {
        SensorTrafficGenerator generator =
                new SensorTrafficGenerator(settings(1).build(), TestCatalogs.small(), new SteppingClock(ONE_SECOND));
        generator.setBadShare(1);
        long bad = 0;
        for (int i = 0; i < 1_000; i++) {
            bad += generator.next().good() ? 0 : 1;
        }
        assertThat(bad).isGreaterThan(990);
        assertThatThrownBy(() -> generator.setBadShare(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.setBadShare(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }

    static long serialOf(String acceleratorId) {
        return Long.parseLong(acceleratorId.substring(acceleratorId.lastIndexOf('-') + 1));
    }
}
