package io.terafab.sensors.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.terafab.contract.MeterReadingReported;
import io.terafab.contract.ToolTelemetryReported;
import io.terafab.sensors.generator.Catalog.PowerAssets;
import io.terafab.sensors.generator.Catalog.SolarPlant;
import io.terafab.sensors.generator.Catalog.Tool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Everyday readings are what the twin already has, give or take a sensor's noise: they do not push it around. */
class ReadingsNearTheModelTest {

    private static final Catalog CATALOG = TestCatalogs.small();

    private static GeneratorSettings metersOnly() {
        return GeneratorSettings.builder()
                .seed(31)
                .runId("test")
                .weight(SensorTopic.TOOL_TELEMETRY, 0)
                .weight(SensorTopic.ACCELERATOR_HEALTH, 0)
                .breakerTripsPerYear(0)
                .jobMeanInterarrival(Duration.ZERO)
                .build();
    }

    private static List<MeterReadingReported> readings(SensorTrafficGenerator generator, int n, String quantity) {
        List<MeterReadingReported> readings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SensorRecord r = generator.next();
            if (!r.topic().equals("sensor.meter-readings")) {
                continue; // the tool held down at start, brought back up
            }
            MeterReadingReported m = (MeterReadingReported) ContractPayloads.read(r);
            if (m.quantity().equals(quantity)) {
                readings.add(m);
            }
        }
        return readings;
    }

    @Test
    void everydayToolReadingsAreOfTheirKindsSensorsAndWithinTheirLimits() {
        Map<String, Tool> tools = CATALOG.tools().stream().collect(Collectors.toMap(Tool::toolId, t -> t));
        GeneratorSettings settings = GeneratorSettings.builder()
                .seed(32)
                .runId("test")
                .toolBreakdownMtbf(Duration.ofDays(1_000_000))
                .toolPmInterval(Duration.ofDays(1_000_000))
                .build();
        SensorTrafficGenerator generator =
                new SensorTrafficGenerator(settings, CATALOG, new SteppingClock(Duration.ofSeconds(1)));
        int readings = 0;
        for (int i = 0; i < 20_000; i++) {
            SensorRecord r = generator.next();
            if (!r.topic().equals("sensor.tool-telemetry")) {
                continue;
            }
            ToolTelemetryReported t = (ToolTelemetryReported) ContractPayloads.read(r);
            if (t.reading() == null) {
                assertThat(t.toolId())
                        .as("only the tool held down at start changes state")
                        .isEqualTo("furnace-1.1");
                continue;
            }
            readings++;
            SensorSpec spec = ToolSensors.of(tools.get(t.toolId()).kind()).stream()
                    .filter(s -> s.quantity().equals(t.reading().quantity()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("not a sensor of its kind: " + t));
            if (!t.reading().withinLimits()
                    || t.reading().min() != spec.min()
                    || t.reading().max() != spec.max()) {
                throw new AssertionError("not within the limits of " + spec + ": " + t);
            }
        }
        assertThat(readings).isGreaterThan(17_000);
    }

    @Test
    void aSolarPlantIsReadOncePerObservationOfTheModelsOutputAndNearIt() {
        Instant seen = Instant.parse("2027-01-01T00:00:00Z");
        SensorTrafficGenerator generator =
                new SensorTrafficGenerator(metersOnly(), CATALOG, new SteppingClock(seen, Duration.ofSeconds(1)));
        List<MeterReadingReported> first = readings(generator, 500, MeterReadingReported.SOLAR_OUTPUT);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).value()).isCloseTo(62.5, offset(62.5 * 0.06));

        generator.updateCatalog(CATALOG.withPower(power(plant(30, false), seen.plusSeconds(400))));
        List<MeterReadingReported> second = readings(generator, 500, MeterReadingReported.SOLAR_OUTPUT);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).value()).isCloseTo(30, offset(30 * 0.06));

        // the twin showing a reading (its own echo) is no observation of the sun
        generator.updateCatalog(CATALOG.withPower(power(plant(31, true), seen.plusSeconds(900))));
        assertThat(readings(generator, 500, MeterReadingReported.SOLAR_OUTPUT)).isEmpty();

        // an observation older than half an hour is not used: the sun has moved since
        SensorTrafficGenerator late = new SensorTrafficGenerator(
                metersOnly(),
                CATALOG.withPower(power(plant(40, false), seen)),
                new SteppingClock(seen.plus(Duration.ofMinutes(31)), Duration.ofSeconds(1)));
        assertThat(readings(late, 500, MeterReadingReported.SOLAR_OUTPUT)).isEmpty();
    }

    @Test
    void batteryReadingsCarryTheModelsChargeForwardAtItsRateWithinItsBounds() {
        Instant seen = Instant.parse("2027-01-01T00:00:00Z");
        SensorTrafficGenerator generator =
                new SensorTrafficGenerator(metersOnly(), CATALOG, new SteppingClock(seen, Duration.ofSeconds(10)));
        // bess-1: 50 % of 200 MWh, discharging 20 MW at 88 % round trip: -10.7 % of capacity an hour
        double perHour = 20 / Math.sqrt(0.88) / 200;
        List<MeterReadingReported> socs = readings(generator, 5_000, MeterReadingReported.BATTERY_SOC);
        assertThat(socs).hasSizeGreaterThan(500);
        for (MeterReadingReported m : socs) {
            double hours = Math.min(1, Duration.between(seen, m.at()).toSeconds() / 3600.0);
            assertThat(m.value())
                    .as("at %s", m.at())
                    .isCloseTo(0.5 - perHour * hours, offset(3 * MeterTraffic.SOC_NOISE + 1e-9));
            assertThat(m.value()).isBetween(0.1, 0.9);
        }
    }

    @Test
    void gridImportLimitReadingsRepeatTheLimitInForce() {
        SensorTrafficGenerator generator =
                new SensorTrafficGenerator(metersOnly(), CATALOG, new SteppingClock(Duration.ofSeconds(1)));
        List<MeterReadingReported> limits = readings(generator, 2_000, MeterReadingReported.GRID_IMPORT_LIMIT);
        assertThat(limits)
                .hasSizeGreaterThan(100)
                .allSatisfy(m -> assertThat(m.value()).isEqualTo(400));
    }

    private static SolarPlant plant(double outputMw, boolean measured) {
        return new SolarPlant("solar-1", 100, outputMw, measured, false);
    }

    private static PowerAssets power(SolarPlant plant, Instant observedAt) {
        PowerAssets p = CATALOG.power();
        return new PowerAssets(p.grid(), p.gasTurbines(), List.of(plant), p.batteries(), observedAt);
    }
}
