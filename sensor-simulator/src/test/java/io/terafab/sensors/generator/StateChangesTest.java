package io.terafab.sensors.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.terafab.contract.AcceleratorHealthReported;
import io.terafab.contract.JobSubmitted;
import io.terafab.contract.MeterReadingReported;
import io.terafab.contract.ToolTelemetryReported;
import io.terafab.sensors.generator.Catalog.Tool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The rare state changes: paired, at their rates, after plausible repair times, in simulated time. */
class StateChangesTest {

    private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

    @Test
    void everyToolReportedDownOrInMaintenanceIsReportedUpAgainAfterAPlausibleTime() {
        Catalog catalog = TestCatalogs.small();
        Map<String, Tool> tools = catalog.tools().stream().collect(Collectors.toMap(Tool::toolId, t -> t));
        GeneratorSettings settings = GeneratorSettings.builder()
                .seed(21)
                .runId("test")
                .toolBreakdownMtbf(Duration.ofHours(50))
                .toolPmInterval(Duration.ofHours(100))
                .build();
        SensorTrafficGenerator generator = new SensorTrafficGenerator(settings, catalog, new SteppingClock(ONE_MINUTE));

        Map<String, ToolTelemetryReported> down = new HashMap<>();
        boolean heldAtStartRepaired = false;
        double repairedHours = 0;
        double expectedRepairHours = 0;
        int breakdowns = 0;
        int maintenances = 0;
        Instant end = null;
        for (int i = 0; i < 40_000; i++) {
            SensorRecord r = generator.next();
            if (!r.topic().equals("sensor.tool-telemetry")) {
                continue;
            }
            ToolTelemetryReported t = (ToolTelemetryReported) ContractPayloads.read(r);
            end = t.at();
            boolean takesDown = ToolTelemetryReported.DOWN.equals(t.state())
                    || ToolTelemetryReported.PM.equals(t.state())
                    || t.outOfLimits();
            if (takesDown) {
                assertThat(down)
                        .as("%s reported down twice without an UP between", t.toolId())
                        .doesNotContainKey(t.toolId());
                assertThat(tools.get(t.toolId()).down())
                        .as("%s is already down in the twin", t.toolId())
                        .isFalse();
                down.put(t.toolId(), t);
            } else if (ToolTelemetryReported.UP.equals(t.state())) {
                ToolTelemetryReported cause = down.remove(t.toolId());
                if (cause == null) {
                    assertThat(t.toolId())
                            .as("an UP with no DOWN before: only the tool held down at start")
                            .isEqualTo("furnace-1.1");
                    heldAtStartRepaired = true;
                    continue;
                }
                double hours = Duration.between(cause.at(), t.at()).toSeconds() / 3600.0;
                if (ToolTelemetryReported.PM.equals(cause.state())) {
                    maintenances++;
                    assertThat(hours).as("a PM of %s", t.toolId()).isBetween(13 * 0.85, 13 * 1.15 + 1 / 60.0);
                } else {
                    breakdowns++;
                    repairedHours += hours;
                    expectedRepairHours +=
                            ToolSensors.meanRepairHours(tools.get(t.toolId()).area());
                }
            } else {
                assertThat(t.reading().withinLimits()).as("an everyday reading").isTrue();
            }
        }
        assertThat(heldAtStartRepaired)
                .as("the tool a previous run left held down is brought back")
                .isTrue();
        assertThat(breakdowns).as("breakdowns repaired in %s", end).isGreaterThan(100);
        assertThat(maintenances).isGreaterThan(40);
        // exponential repair times: their sum is within a few standard errors of the areas' MTTRs
        assertThat(repairedHours / expectedRepairHours).isBetween(0.75, 1.25);
        for (ToolTelemetryReported stillDown : down.values()) {
            assertThat(Duration.between(stillDown.at(), end))
                    .as("%s still down at the end", stillDown.toolId())
                    .isLessThan(Duration.ofHours(100));
        }
    }

    @Test
    void trippedBreakersCloseAgainAfterARepairAndTheGridIsNeverTripped() {
        GeneratorSettings settings = GeneratorSettings.builder()
                .seed(22)
                .runId("test")
                .breakerTripsPerYear(300)
                .weight(SensorTopic.METER_READINGS, 0.3)
                .build();
        SensorTrafficGenerator generator =
                new SensorTrafficGenerator(settings, TestCatalogs.small(), new SteppingClock(ONE_MINUTE));
        Map<String, Instant> open = new HashMap<>();
        List<Double> repairHours = new ArrayList<>();
        List<String> firstBreakerReadings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 40_000; i++) {
            SensorRecord r = generator.next();
            if (!r.topic().equals("sensor.meter-readings")) {
                continue;
            }
            MeterReadingReported m = (MeterReadingReported) ContractPayloads.read(r);
            if (!m.quantity().equals(MeterReadingReported.BREAKER)) {
                continue;
            }
            if (seen.add(m.asset())) {
                firstBreakerReadings.add(m.asset() + "=" + (int) m.value());
            }
            if (m.value() == 0) {
                assertThat(m.asset()).isNotEqualTo("grid");
                assertThat(open).as("%s tripped twice", m.asset()).doesNotContainKey(m.asset());
                open.put(m.asset(), m.at());
            } else if (open.containsKey(m.asset())) {
                repairHours.add(Duration.between(open.remove(m.asset()), m.at()).toSeconds() / 3600.0);
            }
        }
        assertThat(firstBreakerReadings)
                .as("gt-2 was open when the simulator started: its first reading closes it")
                .contains("gt-2=1");
        assertThat(repairHours).hasSizeGreaterThan(30);
        double mean =
                repairHours.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        // a "closed" heartbeat slipping in while an asset is tripped would cut these short
        assertThat(mean).as("mean hours until a tripped breaker closes").isBetween(6.0, 10.5);
    }

    @Test
    void acceleratorsFailAtTheAnnualFailureRateAndAreNeverReportedAgain() {
        Catalog catalog = TestCatalogs.withRacks(1_389); // 100,008 accelerators
        long installed = catalog.installedCount();
        GeneratorSettings settings =
                GeneratorSettings.builder().seed(23).runId("test").build();
        SensorTrafficGenerator generator =
                new SensorTrafficGenerator(settings, catalog, new SteppingClock(Duration.ofMinutes(10)));
        Set<String> failed = new HashSet<>();
        int records = 6 * 24 * 365; // one simulated year
        for (int i = 0; i < records; i++) {
            SensorRecord r = generator.next();
            if (!r.topic().equals("sensor.accelerator-health")) {
                continue;
            }
            AcceleratorHealthReported a = (AcceleratorHealthReported) ContractPayloads.read(r);
            if (failed.contains(a.acceleratorId())) {
                fail(a.acceleratorId() + " reported again after its failure: " + a);
            }
            if (a.failed()) {
                assertThat(a.reason()).isNotBlank();
                failed.add(a.acceleratorId());
            }
        }
        // failures at 9 % a year of those still in service: 1 - e^-0.09 = 8.6 % of the fleet, give or take 5 sigma
        assertThat(failed.size() / (double) installed).isBetween(0.081, 0.091);
    }

    @Test
    void jobsArriveInSimulatedTimeWithTheWorkloadsSizesTenantsAndClasses() {
        Catalog catalog = TestCatalogs.small();
        GeneratorSettings settings =
                GeneratorSettings.builder().seed(24).runId("test").build();
        SensorTrafficGenerator generator = new SensorTrafficGenerator(settings, catalog, new SteppingClock(ONE_MINUTE));
        List<JobSubmitted> jobs = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) { // 1,000 simulated hours
            SensorRecord r = generator.next();
            if (r.topic().equals("jobs.requests")) {
                jobs.add((JobSubmitted) ContractPayloads.read(r));
            }
        }
        // one job per 2 h: 500, give or take 5 sigma (22 each)
        assertThat(jobs).hasSizeBetween(390, 610);
        Set<Integer> sizes = JobProfile.DEFAULT_WORKLOAD.stream()
                .flatMap(p -> p.sizes().stream())
                .collect(Collectors.toSet());
        assertThat(jobs).allSatisfy(j -> {
            assertThat(sizes).contains(j.accelerators());
            assertThat(j.tenant()).isIn(catalog.tenants());
            assertThat(j.priorityClass()).isIn(catalog.priorityClasses());
            assertThat(j.durationHours()).isBetween(10 / 60.0, 504.0);
        });
        long inference = jobs.stream().filter(j -> j.kind().equals("inference")).count();
        assertThat(inference / (double) jobs.size())
                .as("inference's weight is 40 %")
                .isBetween(0.3, 0.5);
        assertThat(jobs.stream().map(JobSubmitted::jobId).distinct().count()).isEqualTo(jobs.size());
    }
}
