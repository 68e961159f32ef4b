package io.terafab.power.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.terafab.power.domain.CostAndCarbon;
import io.terafab.power.domain.GridBalance;
import io.terafab.power.domain.LateReadings;
import io.terafab.power.domain.MeterQuantity;
import io.terafab.power.domain.MeterReading;
import io.terafab.testing.property.PropertySeeds;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The snapshot as the platform stores it: the model exported to JSON, written, read and imported again. */
class PowerTwinSnapshotTest {

    // as Quarkus configures its ObjectMapper: ISO-8601 instants; unknown properties still fail here, to catch drift
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static LongStream seeds() {
        return PropertySeeds.of(1, 2, 3, 42, 2027);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exportedThenImportedStateIsTheSameAndIssuesTheSameDispatch(long seed) throws Exception {
        GridBalance grid = new GridBalance(defaults().toSettings());
        PowerTwin original = new PowerTwin(null, grid);
        Random random = new Random(seed);
        Instant now = Instant.parse("2027-06-01T12:00:00Z");
        for (int step = 0; step < 80; step++) {
            now = now.plusMillis(random.nextInt(600_000));
            switch (random.nextInt(7)) {
                case 0 -> grid.recordDraw("fab", random.nextDouble() * 300, random.nextDouble() * 300, now);
                case 1 ->
                    LateReadings.recordDraw(
                            grid,
                            "dc",
                            random.nextDouble() * 600,
                            random.nextDouble() * 300,
                            now.minusSeconds(random.nextInt(40)),
                            "seed " + seed + " step " + step);
                case 2 -> grid.setImportCap(random.nextDouble() * 500);
                case 3 ->
                    LateReadings.recordMeterReading(
                            grid,
                            new MeterReading(
                                    "m-1",
                                    "solar-1",
                                    MeterQuantity.SOLAR_OUTPUT,
                                    random.nextDouble() * 100,
                                    now.plusSeconds(random.nextInt(600))),
                            "seed " + seed + " step " + step);
                case 4 ->
                    grid.recordMeterReading(new MeterReading(
                            "m-2", "bess-1", MeterQuantity.BATTERY_SOC, 0.1 + random.nextDouble() * 0.8, now));
                case 5 ->
                    grid.recordMeterReading(new MeterReading(
                            "m-3", "gt-" + (1 + random.nextInt(3)), MeterQuantity.BREAKER, random.nextInt(2), now));
                default -> grid.tick(now);
            }
        }

        byte[] stored = mapper.writeValueAsBytes(original.exportState(mapper));
        JsonNode read = mapper.readTree(stored);
        GridBalance restoredGrid = new GridBalance(defaults().toSettings());
        new PowerTwin(null, restoredGrid).importState(read, mapper);

        assertThat(restoredGrid.state()).as("seed " + seed).isEqualTo(grid.state());
        Instant next = now.plusSeconds(60);
        assertThat(restoredGrid.tick(next)).as("seed " + seed).isEqualTo(grid.tick(next));
    }

    @Test
    void aSnapshotOfModelVersion1GetsWhatTheSourcesGeneratedFromWhatTheLoadsWereServedAndTheBatteriesHold()
            throws Exception {
        GridBalance grid = new GridBalance(defaults().toSettings());
        PowerTwin twin = new PowerTwin(null, grid);
        Instant now = Instant.parse("2027-06-01T12:00:00Z");
        grid.recordDraw("fab", 200, 200, now);
        grid.recordDraw("dc", 150, 150, now);
        for (int step = 0; step < 30; step++) {
            now = now.plusSeconds(600);
            if (step == 10) {
                grid.recordMeterReading(new MeterReading("m-2", "bess-1", MeterQuantity.BATTERY_SOC, 0.4, now));
            }
            grid.tick(now);
        }
        ObjectNode version1 = (ObjectNode) mapper.readTree(mapper.writeValueAsBytes(twin.exportState(mapper)));
        version1.remove("generated");
        version1.remove("remeasured");

        JsonNode migrated = twin.migrate(version1, 1, mapper);
        GridBalance restored = new GridBalance(defaults().toSettings());
        new PowerTwin(null, restored).importState(migrated, mapper);

        // version 1 kept no meter readings' change apart: generated + remeasured is what it migrates to
        CostAndCarbon before = grid.ledger().generated();
        CostAndCarbon remeasured = grid.ledger().remeasured();
        assertThat(twin.modelVersion()).isEqualTo(2);
        assertThat(restored.ledger().remeasured()).isEqualTo(CostAndCarbon.ZERO);
        assertThat(restored.ledger().generated().carbonTonnes())
                .isPositive()
                .isCloseTo(before.carbonTonnes() + remeasured.carbonTonnes(), within(1e-9 * before.carbonTonnes()));
        assertThat(restored.ledger().generated().costUsd())
                .isCloseTo(before.costUsd() + remeasured.costUsd(), within(1e-9 * before.costUsd()));
        assertThat(restored.ledger().all()).isEqualTo(grid.ledger().all());
    }

    @Test
    void aSnapshotOfTheThinGridRestoresItsConsumersAndImportCap() throws Exception {
        // what the first power-service stored; Quarkus's own ObjectMapper ignores fields it no longer knows
        String thin = """
                {"importCapMw":250.0,"ticks":12,
                 "consumers":{"fab":{"demandMw":200.0,"drawMw":190.0,"lastReadingAt":"2027-01-01T00:00:00Z","outOfOrderReadings":1},
                              "dc":{"demandMw":300.0,"drawMw":280.0,"lastReadingAt":"2027-01-01T00:00:00Z","outOfOrderReadings":0}},
                 "lastDispatch":{"at":"2027-01-01T00:01:00Z","availableMw":400.0,"budgets":[]}}""";
        ObjectMapper quarkusLike = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        GridBalance grid = new GridBalance(defaults().toSettings());

        new PowerTwin(null, grid).importState(quarkusLike.readTree(thin), quarkusLike);

        assertThat(grid.importCapMw()).isEqualTo(250);
        assertThat(grid.ticks()).isEqualTo(12);
        assertThat(grid.consumers().get("fab").demandMw()).isEqualTo(200);
        assertThat(grid.lastTickAt()).isEmpty();
        assertThat(grid.tick(Instant.parse("2027-01-01T00:02:00Z"))
                        .budgetOf("dc")
                        .demandMw())
                .isEqualTo(300);
    }

    /** The configuration defaults, as PowerConfig declares them, read as Quarkus reads them ("5m" durations included). */
    static PowerConfig defaults() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(PowerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .build();
        return config.getConfigMapping(PowerConfig.class);
    }
}
