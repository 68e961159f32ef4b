package io.terafab.power.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.terafab.platform.model.ModelRejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Meter readings override the model from their time on; unknown assets and out-of-range values change nothing. */
class MeterReadingsTest {

    /** Local midnight at latitude 0, longitude -90: the modelled sun is down. */
    private static final Instant MIDNIGHT = Instant.parse("2027-01-01T06:00:00Z");

    private static GridBalance campus() {
        return new GridBalance(GridSettings.builder(List.of("fab", "dc"))
                .importCap(400)
                .gasTurbine(new GasTurbineSpec("gt-1", 50, 20, 10, 30, 0.53))
                .solarPlant(new SolarPlantSpec("solar-1", 100))
                .solarSite(new SolarSite(0, -90, 1, 7))
                .battery(new BatterySpec("bess-1", 200, 50, 50, 0.81, 0.1, 0.9, 0.5))
                .meterValidity(Duration.ofMinutes(15))
                .build());
    }

    private static MeterReading reading(String asset, MeterQuantity quantity, double value, Instant at) {
        return new MeterReading("meter-" + asset, asset, quantity, value, at);
    }

    private static SourceDispatch source(Dispatch d, String id) {
        return d.sources().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void halvingTheGridImportLimitLowersBothBudgetsAtTheVeryNextTick() {
        GridBalance grid = new GridBalance(GridSettings.builder(List.of("fab", "dc"))
                .importCap(400)
                .campusBaseLoad(20)
                .policy(List.of(
                        new PriorityTier("fab", 0.4),
                        new PriorityTier("dc", 0.3),
                        new PriorityTier("fab", 1),
                        new PriorityTier("dc", 1)))
                .build());
        grid.recordDraw("fab", 150, 150, MIDNIGHT);
        grid.recordDraw("dc", 200, 200, MIDNIGHT);
        Dispatch before = grid.tick(MIDNIGHT);

        grid.recordMeterReading(reading("grid", MeterQuantity.GRID_IMPORT_LIMIT, 200, MIDNIGHT));
        Dispatch after = grid.tick(MIDNIGHT.plusSeconds(60));

        assertThat(grid.importCapMw()).isEqualTo(200);
        assertThat(after.budgetOf("fab").capMw())
                .isLessThan(before.budgetOf("fab").capMw())
                .isEqualTo(120);
        assertThat(after.budgetOf("dc").capMw())
                .isLessThan(before.budgetOf("dc").capMw())
                .isEqualTo(60);
        assertThat(grid.recentReadings())
                .extracting(AppliedReading::appliedAt)
                .containsExactly(MIDNIGHT.plusSeconds(60));
    }

    @Test
    void aReadingAheadOfTheClockWaitsForItsTime() {
        GridBalance grid = campus();
        grid.tick(MIDNIGHT);
        Instant later = MIDNIGHT.plus(Duration.ofMinutes(10));

        grid.recordMeterReading(reading("grid", MeterQuantity.GRID_IMPORT_LIMIT, 100, later));
        grid.tick(MIDNIGHT.plus(Duration.ofMinutes(5)));
        assertThat(grid.importCapMw()).isEqualTo(400);
        assertThat(grid.pendingReadings()).hasSize(1);

        grid.tick(later);
        assertThat(grid.importCapMw()).isEqualTo(100);
        assertThat(grid.pendingReadings()).isEmpty();
    }

    @Test
    void aMeasuredSolarOutputReplacesTheModelUntilItGoesStale() {
        GridBalance grid = campus();
        grid.recordMeterReading(reading("solar-1", MeterQuantity.SOLAR_OUTPUT, 42, MIDNIGHT));

        Dispatch measured = grid.tick(MIDNIGHT.plus(Duration.ofMinutes(14)));
        Dispatch stale = grid.tick(MIDNIGHT.plus(Duration.ofMinutes(15)));

        assertThat(source(measured, "solar-1").availableMw()).isEqualTo(42);
        assertThat(source(measured, "solar-1").measured()).isTrue();
        assertThat(source(stale, "solar-1").availableMw())
                .as("the model again: night")
                .isZero();
        assertThat(source(stale, "solar-1").measured()).isFalse();
    }

    @Test
    void aMeasuredStateOfChargeReplacesTheBatterysEnergy() {
        GridBalance grid = campus();
        grid.recordMeterReading(reading("bess-1", MeterQuantity.BATTERY_SOC, 0.2, MIDNIGHT));

        Dispatch d = grid.tick(MIDNIGHT);

        assertThat(d.batteries().get(0).energyMwh()).isCloseTo(40, within(1e-9));
    }

    @Test
    void anOpenBreakerTakesTheAssetOutUntilItCloses() {
        GridBalance grid = campus();
        grid.recordDraw("fab", 30, 30, MIDNIGHT);
        grid.tick(MIDNIGHT);
        grid.recordMeterReading(reading("grid", MeterQuantity.BREAKER, 0, MIDNIGHT.plusSeconds(60)));
        grid.recordMeterReading(reading("bess-1", MeterQuantity.BREAKER, 0, MIDNIGHT.plusSeconds(60)));

        Dispatch open = grid.tick(MIDNIGHT.plusSeconds(60));
        grid.recordMeterReading(reading("grid", MeterQuantity.BREAKER, 1, MIDNIGHT.plusSeconds(120)));
        Dispatch closed = grid.tick(MIDNIGHT.plusSeconds(120));

        assertThat(source(open, "grid").availableMw()).isZero();
        assertThat(source(open, "grid").breakerOpen()).isTrue();
        assertThat(open.batteries().get(0).dischargeMw()).isZero();
        assertThat(open.availableMw())
                .as("the turbine alone, started at its minimum load")
                .isEqualTo(20);
        assertThat(grid.openBreakers()).containsExactly("bess-1");
        assertThat(source(closed, "grid").availableMw()).isEqualTo(400);
    }

    @Test
    void aTrippedTurbineStopsAtOnce() {
        GridBalance grid = new GridBalance(GridSettings.builder(List.of("fab"))
                .gasTurbine(new GasTurbineSpec("gt-1", 50, 20, 10, 30, 0.53))
                .build());
        grid.recordDraw("fab", 40, 40, MIDNIGHT);
        grid.tick(MIDNIGHT);
        Dispatch running = grid.tick(MIDNIGHT.plus(Duration.ofMinutes(5)));
        grid.recordMeterReading(reading("gt-1", MeterQuantity.BREAKER, 0, MIDNIGHT.plus(Duration.ofMinutes(5))));

        Dispatch tripped = grid.tick(MIDNIGHT.plus(Duration.ofMinutes(6)));

        assertThat(source(running, "gt-1").outputMw()).isEqualTo(40);
        assertThat(source(tripped, "gt-1").outputMw()).isZero();
        assertThat(tripped.curtailedMw()).isEqualTo(40);
    }

    @Test
    void aReadingOlderThanOneAcceptedForTheSameAssetIsRefusedAsOutOfOrderAndChangesNothing() {
        GridBalance grid = campus();
        grid.recordMeterReading(reading("grid", MeterQuantity.GRID_IMPORT_LIMIT, 300, MIDNIGHT.plusSeconds(60)));
        GridState before = grid.state();

        assertThatThrownBy(
                        () -> grid.recordMeterReading(reading("grid", MeterQuantity.GRID_IMPORT_LIMIT, 10, MIDNIGHT)))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(ModelRejection.Kind.OUT_OF_ORDER))
                .hasMessageContaining("older than one already accepted");
        assertThat(grid.state()).isEqualTo(before);
        grid.recordMeterReading(reading("grid", MeterQuantity.BREAKER, 1, MIDNIGHT)); // another quantity: its own order
        grid.tick(MIDNIGHT.plusSeconds(60));

        assertThat(grid.importCapMw()).isEqualTo(300);
        assertThat(grid.pendingReadings()).isEmpty();
        assertThat(grid.recentReadings()).extracting(r -> r.reading().value()).containsExactly(1.0, 300.0);
    }

    @Test
    void aReadingAtTheSameInstantAsOneAcceptedIsAcceptedAndTheLaterOneWins() {
        GridBalance grid = campus();
        grid.recordMeterReading(reading("grid", MeterQuantity.GRID_IMPORT_LIMIT, 300, MIDNIGHT));
        grid.recordMeterReading(reading("grid", MeterQuantity.GRID_IMPORT_LIMIT, 250, MIDNIGHT));

        grid.tick(MIDNIGHT);

        assertThat(grid.importCapMw()).isEqualTo(250);
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource({
        "gt-9, BREAKER, 0, UNKNOWN_ENTITY, unknown asset gt-9",
        "solar-1, SOLAR_OUTPUT, 100.5, INVALID, above its nameplate",
        "gt-1, SOLAR_OUTPUT, 10, INVALID, not a solar plant",
        "bess-1, BATTERY_SOC, 0.95, INVALID, outside [0.1, 0.9]",
        "bess-1, BATTERY_SOC, 0.05, INVALID, outside [0.1, 0.9]",
        "solar-1, BATTERY_SOC, 0.5, INVALID, not a battery",
        "gt-1, GRID_IMPORT_LIMIT, 100, INVALID, not the grid connection",
        "grid, GRID_IMPORT_LIMIT, -1, INVALID, must be a finite number",
        "grid, GRID_IMPORT_LIMIT, NaN, INVALID, must be a finite number",
        "grid, BREAKER, 0.5, INVALID, 0 (open) or 1 (closed)"
    })
    void aReadingOfAnUnknownAssetOrOutOfRangeIsRejectedAndChangesNothing(
            String asset, MeterQuantity quantity, double value, ModelRejection.Kind kind, String reason) {
        GridBalance grid = campus();
        grid.tick(MIDNIGHT);
        GridState before = grid.state();

        assertThatThrownBy(() -> grid.recordMeterReading(reading(asset, quantity, value, MIDNIGHT)))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContaining(reason);
        assertThat(grid.state()).isEqualTo(before);
    }
}
