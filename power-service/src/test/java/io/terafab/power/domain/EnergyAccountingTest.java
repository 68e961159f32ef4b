package io.terafab.power.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.terafab.testing.property.PropertySeeds;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Energy, cost and carbon served per load: booked per interval, and together exactly what the sources cost. */
class EnergyAccountingTest {

    private static final Instant T0 = Instant.parse("2027-01-01T06:00:00Z");

    @Test
    void eachLoadIsBookedItsEnergyAndItsShareOfTheMixsCostAndCarbon() {
        GridBalance grid = new GridBalance(GridSettings.builder(List.of("fab", "dc"))
                .importCap(400)
                .tariff(TimeOfUseTariff.flat(50, 0.4))
                .campusBaseLoad(20)
                .build());
        grid.recordDraw("fab", 100, 100, T0);
        grid.recordDraw("dc", 80, 80, T0);
        grid.tick(T0);

        grid.tick(T0.plus(Duration.ofHours(2)));

        assertThat(grid.ledger().of("fab").energyMwh()).isEqualTo(200);
        assertThat(grid.ledger().of("fab").costUsd()).isCloseTo(200 * 50, within(1e-6));
        assertThat(grid.ledger().of("fab").carbonTonnes()).isCloseTo(200 * 0.4, within(1e-9));
        assertThat(grid.ledger().of("dc").energyMwh()).isEqualTo(160);
        assertThat(grid.ledger().of(EnergyLedger.BASE_LOAD).energyMwh()).isEqualTo(40);
        assertThat(grid.ledger().of("dc").carbonTonnes()).isCloseTo(160 * 0.4, within(1e-9));
    }

    @Test
    void energyDischargedCarriesWhatItCostWhenItWasStored() {
        GridBalance grid = new GridBalance(GridSettings.builder(List.of("fab"))
                .importCap(100)
                .tariff(TimeOfUseTariff.flat(40, 0.5))
                .battery(new BatterySpec("bess-1", 100, 50, 50, 1, 0, 1, 0))
                .build());
        grid.tick(T0);
        grid.tick(T0.plus(Duration.ofHours(1))); // 50 MWh stored at 40 US$/MWh, 0.5 t/MWh
        grid.setImportCap(0);
        grid.recordDraw("fab", 50, 50, T0.plus(Duration.ofHours(1)));

        grid.tick(T0.plus(Duration.ofHours(2)));

        assertThat(grid.ledger().of("fab").energyMwh()).isCloseTo(50, within(1e-9));
        assertThat(grid.ledger().of("fab").costUsd()).isCloseTo(50 * 40, within(1e-6));
        assertThat(grid.ledger().of("fab").carbonTonnes()).isCloseTo(50 * 0.5, within(1e-9));
    }

    static LongStream seeds() {
        return PropertySeeds.of(1, 2, 3, 5, 8, 13, 21, 34);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void whatTheLoadsAreBookedPlusWhatBatteriesHoldIsWhatTheSourcesCost(long seed) {
        Random random = new Random(seed);
        GridBalance grid = new GridBalance(GridSettings.builder(List.of("fab", "dc"))
                .importCap(300)
                .tariff(new TimeOfUseTariff(16, 21, 120, 45, 0.45, 0.37, ZoneOffset.ofHours(-6)))
                .gasTurbine(new GasTurbineSpec("gt-1", 50, 20, 10, 55, 0.53))
                .gasTurbine(new GasTurbineSpec("gt-2", 50, 20, 10, 55, 0.53))
                .solarPlant(new SolarPlantSpec("solar-1", 100))
                .solarSite(new SolarSite(30.27, -97.74, 0.5, seed))
                .battery(new BatterySpec("bess-1", 200, 50, 50, 0.85, 0.1, 0.9, 0.1))
                .campusBaseLoad(20)
                .build());
        double sourcesCost = 0;
        double sourcesCarbon = 0;
        Instant now = T0;
        for (int step = 0; step < 400; step++) {
            now = now.plusSeconds(60 + random.nextInt(1800));
            if (random.nextInt(3) == 0) {
                grid.recordDraw(random.nextBoolean() ? "fab" : "dc", random.nextDouble() * 400, 0, now);
            }
            if (random.nextInt(10) == 0) {
                grid.setImportCap(random.nextDouble() * 400);
            }
            if (random.nextInt(12) == 0) {
                // a meter reads the battery's charge: what it holds is rescaled, the ledger books the change
                grid.recordMeterReading(new MeterReading(
                        "m-bess", "bess-1", MeterQuantity.BATTERY_SOC, 0.1 + random.nextDouble() * 0.8, now));
            }
            Dispatch d = grid.tick(now);
            double hours = d.intervalSeconds() / 3600;
            sourcesCost += d.costRateUsdPerHour() * hours;
            sourcesCarbon += d.carbonRateTonnesPerHour() * hours;
        }
        GridState state = grid.state();
        double booked = state.ledger().values().stream()
                .mapToDouble(LoadTotals::costUsd)
                .sum();
        double bookedCarbon = state.ledger().values().stream()
                .mapToDouble(LoadTotals::carbonTonnes)
                .sum();
        double held = state.batteries().values().stream()
                .mapToDouble(GridState.StoredEnergy::costUsd)
                .sum();
        double heldCarbon = state.batteries().values().stream()
                .mapToDouble(GridState.StoredEnergy::carbonTonnes)
                .sum();

        CostAndCarbon generated = grid.ledger().generated();
        CostAndCarbon remeasured = grid.ledger().remeasured();

        assertThat(sourcesCost).as("seed " + seed).isPositive();
        assertThat(remeasured.carbonTonnes()).as("seed " + seed).isNotZero();
        assertThat(generated.costUsd()).as("seed " + seed).isCloseTo(sourcesCost, within(1e-9 * sourcesCost));
        assertThat(generated.carbonTonnes()).as("seed " + seed).isCloseTo(sourcesCarbon, within(1e-9 * sourcesCarbon));
        assertThat(booked + held)
                .as("cost, seed " + seed)
                .isCloseTo(generated.costUsd() + remeasured.costUsd(), within(1e-9 * sourcesCost));
        assertThat(bookedCarbon + heldCarbon)
                .as("carbon, seed " + seed)
                .isCloseTo(generated.carbonTonnes() + remeasured.carbonTonnes(), within(1e-9 * sourcesCarbon));
        assertThat(grid.storedInBatteries()).isEqualTo(new CostAndCarbon(held, heldCarbon));
    }

    @Test
    void aMeterReadingOfABatterysChargeRescalesWhatItHoldsAndTheLedgerBooksTheChange() {
        GridBalance grid = new GridBalance(GridSettings.builder(List.of("fab"))
                .importCap(100)
                .tariff(TimeOfUseTariff.flat(40, 0.5))
                .battery(new BatterySpec("bess-1", 100, 50, 50, 1, 0, 1, 0))
                .build());
        grid.tick(T0);
        grid.tick(T0.plus(Duration.ofHours(1))); // 50 MWh stored at 40 US$/MWh, 0.5 t/MWh: 2000 US$, 25 t
        assertThat(grid.storedInBatteries().carbonTonnes()).isCloseTo(25, within(1e-9));

        // the meter reads 30 % of 100 MWh: 30 MWh, holding 30/50 of what the 50 MWh cost
        grid.recordMeterReading(
                new MeterReading("m-bess", "bess-1", MeterQuantity.BATTERY_SOC, 0.3, T0.plus(Duration.ofHours(1))));
        grid.setImportCap(0);
        grid.tick(T0.plus(Duration.ofHours(1)).plusSeconds(1));

        assertThat(grid.ledger().remeasured().costUsd()).isCloseTo(-800, within(1e-6));
        assertThat(grid.ledger().remeasured().carbonTonnes()).isCloseTo(-10, within(1e-9));
        assertThat(grid.ledger().generated().carbonTonnes()).isCloseTo(25, within(1e-9));
        assertThat(grid.storedInBatteries().carbonTonnes()).isCloseTo(15, within(1e-9));
    }

    @Test
    void eachIntervalIsSettledAtItsPriceAndCarbonIntensity() {
        GridBalance grid = new GridBalance(GridSettings.builder(List.of("fab", "dc"))
                .importCap(400)
                .tariff(TimeOfUseTariff.flat(50, 0.4))
                .build());
        grid.recordDraw("fab", 100, 100, T0);
        grid.tick(T0);
        assertThat(grid.lastSettlement())
                .as("the first dispatch settles no interval")
                .isEmpty();

        grid.tick(T0.plus(Duration.ofMinutes(30)));

        IntervalSettlement s = grid.lastSettlement().orElseThrow();
        assertThat(s.from()).isEqualTo(T0);
        assertThat(s.to()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(s.gramsPerKwh()).isCloseTo(400, within(1e-9)); // 0.4 t/MWh
        assertThat(s.usdPerMwh()).isCloseTo(50, within(1e-9));
        assertThat(s.of("fab")).isEqualTo(new IntervalSettlement.Booking(50_000_000, 20_000_000, 2_500_000));
        assertThat(s.of("dc")).isEqualTo(new IntervalSettlement.Booking(0, 0, 0));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theSettlementsOfALoadAddUpToItsLedgerTotalToTheUnit(long seed) {
        Random random = new Random(seed);
        GridBalance grid = new GridBalance(GridSettings.builder(List.of("fab", "dc"))
                .importCap(300)
                .tariff(new TimeOfUseTariff(16, 21, 120, 45, 0.45, 0.37, ZoneOffset.ofHours(-6)))
                .gasTurbine(new GasTurbineSpec("gt-1", 50, 20, 10, 55, 0.53))
                .solarPlant(new SolarPlantSpec("solar-1", 100))
                .solarSite(new SolarSite(30.27, -97.74, 0.5, seed))
                .battery(new BatterySpec("bess-1", 200, 50, 50, 0.85, 0.1, 0.9, 0.1))
                .campusBaseLoad(20)
                .build());
        long[] wh = new long[3];
        long[] grams = new long[3];
        long[] milliUsd = new long[3];
        List<String> loads = List.of(EnergyLedger.BASE_LOAD, "fab", "dc");
        Instant now = T0;
        for (int step = 0; step < 400; step++) {
            now = now.plusSeconds(1 + random.nextInt(1800));
            if (random.nextInt(3) == 0) {
                grid.recordDraw(random.nextBoolean() ? "fab" : "dc", random.nextDouble() * 400, 0, now);
            }
            grid.tick(now);
            IntervalSettlement s = grid.lastSettlement().orElse(null);
            if (s == null) {
                continue;
            }
            for (int i = 0; i < loads.size(); i++) {
                wh[i] += s.of(loads.get(i)).energyWh();
                grams[i] += s.of(loads.get(i)).carbonGrams();
                milliUsd[i] += s.of(loads.get(i)).costMilliUsd();
            }
        }
        for (int i = 0; i < loads.size(); i++) {
            LoadTotals total = grid.ledger().of(loads.get(i));
            assertThat(wh[i])
                    .as("Wh of %s, seed %d", loads.get(i), seed)
                    .isEqualTo(Math.round(total.energyMwh() * 1e6));
            assertThat(grams[i])
                    .as("grams of %s, seed %d", loads.get(i), seed)
                    .isEqualTo(Math.round(total.carbonTonnes() * 1e6));
            assertThat(milliUsd[i])
                    .as("milli-USD of %s, seed %d", loads.get(i), seed)
                    .isEqualTo(Math.round(total.costUsd() * 1e3));
        }
        assertThat(wh[1]).as("seed " + seed).isPositive();
    }
}
