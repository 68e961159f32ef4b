package io.terafab.power.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Merit order, turbines' minimum load and ramps, batteries on surplus and shortfall, solar spill. */
class GridDispatchTest {

    private static final double ONE_WATT_MW = 1e-6;
    /** 06:00 UTC is midnight at a site six hours behind UTC: off peak, and (at latitude 0, longitude -90) night. */
    private static final Instant MIDNIGHT = Instant.parse("2027-01-01T06:00:00Z");
    /** A tariff whose peak (16-21 local) makes the grid dearer and dirtier than the turbine. */
    private static final TimeOfUseTariff TARIFF =
            new TimeOfUseTariff(16, 21, 120, 45, 0.45, 0.37, ZoneOffset.ofHours(-6));

    private static final GasTurbineSpec GT = new GasTurbineSpec("gt-1", 50, 20, 10, 55, 0.53);
    private static final BatterySpec BESS = new BatterySpec("bess-1", 200, 50, 50, 0.81, 0.1, 0.9, 0.5);

    private static GridSettings.Builder campus(double importCap) {
        return GridSettings.builder(List.of("fab", "dc"))
                .importCap(importCap)
                .tariff(TARIFF)
                .solarSite(new SolarSite(0, -90, 1, 7));
    }

    private static double output(Dispatch d, String id) {
        return d.sources().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow()
                .outputMw();
    }

    @Test
    void byCostTheGridServesOffPeakAndTheTurbineAtPeak() {
        GridBalance grid = new GridBalance(campus(400).gasTurbine(GT).build());
        grid.recordDraw("fab", 100, 100, MIDNIGHT);
        grid.tick(MIDNIGHT);

        Dispatch offPeak = grid.tick(MIDNIGHT.plus(Duration.ofMinutes(10)));
        Instant peak = MIDNIGHT.plus(Duration.ofHours(17)); // 17:00 local
        grid.tick(peak.minus(Duration.ofMinutes(10)));
        Dispatch atPeak = grid.tick(peak);

        assertThat(output(offPeak, "grid")).isEqualTo(100);
        assertThat(output(offPeak, "gt-1")).isZero();
        assertThat(output(atPeak, "gt-1")).isEqualTo(50);
        assertThat(output(atPeak, "grid")).isEqualTo(50);
        assertThat(atPeak.costRateUsdPerHour()).isCloseTo(50 * 55 + 50 * 120, within(1e-9));
    }

    @Test
    void byCarbonTheCleanerGridServesFirstEvenAtPeak() {
        GridBalance grid = new GridBalance(
                campus(400).gasTurbine(GT).meritOrder(MeritOrder.CARBON).build());
        grid.recordDraw("fab", 100, 100, MIDNIGHT);
        Instant peak = MIDNIGHT.plus(Duration.ofHours(17));
        grid.tick(peak.minus(Duration.ofMinutes(10)));

        Dispatch atPeak = grid.tick(peak);

        assertThat(output(atPeak, "grid")).isEqualTo(100);
        assertThat(output(atPeak, "gt-1")).isZero();
        assertThat(atPeak.carbonRateTonnesPerHour()).isCloseTo(100 * 0.45, within(1e-9));
    }

    @Test
    void aTurbineStartsAtItsMinimumStableLoadAndRampsWithinItsRate() {
        GridBalance grid = new GridBalance(campus(0).gasTurbine(GT).build());
        grid.recordDraw("fab", 45, 45, MIDNIGHT);

        Dispatch first = grid.tick(MIDNIGHT);
        Dispatch oneMinute = grid.tick(MIDNIGHT.plus(Duration.ofMinutes(1)));
        Dispatch twoMinutes = grid.tick(MIDNIGHT.plus(Duration.ofMinutes(2)));
        Dispatch fourMinutes = grid.tick(MIDNIGHT.plus(Duration.ofMinutes(4)));

        // no interval yet: it can only start at its minimum stable load, so the fab gets 20 of its 45
        assertThat(output(first, "gt-1")).isEqualTo(20);
        assertThat(first.budgetOf("fab").capMw()).isEqualTo(20);
        assertThat(output(oneMinute, "gt-1")).isEqualTo(30);
        assertThat(output(twoMinutes, "gt-1")).isEqualTo(40);
        assertThat(output(fourMinutes, "gt-1")).isEqualTo(45);
        assertThat(fourMinutes.curtailedMw()).isZero();
    }

    @Test
    void aTurbineWhoseMinimumLoadExceedsTheNeedStaysOff() {
        GridBalance grid = new GridBalance(campus(400).gasTurbine(GT).build());
        grid.recordDraw("fab", 10, 10, MIDNIGHT);
        Instant peak = MIDNIGHT.plus(Duration.ofHours(17));
        grid.tick(peak.minus(Duration.ofMinutes(1)));

        Dispatch d = grid.tick(peak);

        // the turbine is cheaper at peak but may not run below 20 MW: the grid serves the 10
        assertThat(output(d, "gt-1")).isZero();
        assertThat(output(d, "grid")).isEqualTo(10);
    }

    @Test
    void onAnIslandATurbineThatCannotFollowTheDemandDownStopsAndTheDemandIsCurtailed() {
        GridBalance grid = new GridBalance(campus(0).gasTurbine(GT).build());
        grid.recordDraw("fab", 40, 40, MIDNIGHT);
        grid.tick(MIDNIGHT);
        grid.tick(MIDNIGHT.plus(Duration.ofMinutes(5)));
        grid.recordDraw("fab", 5, 5, MIDNIGHT.plus(Duration.ofMinutes(5)));

        Dispatch d = grid.tick(MIDNIGHT.plus(Duration.ofMinutes(6)));

        // from 40 MW it may only ramp down to 30 within the minute: 25 MW too many, and nothing to take them
        assertThat(output(d, "gt-1")).isZero();
        assertThat(d.budgetOf("fab").servedMw()).isZero();
        assertThat(d.curtailedMw()).isEqualTo(5);
        assertThat(d.generationMw()).isZero();
    }

    @Test
    void aBatteryTakesTheExcessOfATurbineHeldAtItsFloor() {
        GridBalance grid =
                new GridBalance(campus(0).gasTurbine(GT).battery(BESS).build());
        grid.recordDraw("fab", 90, 90, MIDNIGHT);
        grid.tick(MIDNIGHT);
        grid.tick(MIDNIGHT.plus(Duration.ofMinutes(5)));
        grid.recordDraw("fab", 5, 5, MIDNIGHT.plus(Duration.ofMinutes(5)));

        Dispatch d = grid.tick(MIDNIGHT.plus(Duration.ofMinutes(6)));

        // held at its 40 MW floor the 35 MW excess goes into the battery, then its spare 10 MW as well
        assertThat(output(d, "gt-1")).isEqualTo(50);
        assertThat(d.budgetOf("fab").servedMw()).isEqualTo(5);
        assertThat(d.batteries().get(0).chargeMw()).isEqualTo(45);
        assertThat(d.curtailedMw()).isZero();
    }

    @Test
    void batteriesChargeFromSpareSupplyAndDischargeOnShortfall() {
        GridBalance grid = new GridBalance(campus(200).battery(BESS).build());
        grid.recordDraw("fab", 100, 100, MIDNIGHT);
        grid.tick(MIDNIGHT);

        Dispatch surplus = grid.tick(MIDNIGHT.plus(Duration.ofHours(1)));
        grid.recordDraw("dc", 130, 130, MIDNIGHT.plus(Duration.ofHours(1)));
        Dispatch shortfall = grid.tick(MIDNIGHT.plus(Duration.ofHours(2)));

        // an hour at 50 MW in, at sqrt(0.81) = 0.9 efficiency: 100 + 45 MWh
        assertThat(surplus.batteries().get(0).chargeMw()).isEqualTo(50);
        assertThat(output(surplus, "grid")).isEqualTo(150);
        assertThat(surplus.batteries().get(0).energyMwh()).isCloseTo(145, within(1e-9));
        // 230 asked of a 200 MW grid: the battery gives the 30, an hour of it costs 30 / 0.9 MWh of storage
        assertThat(shortfall.batteries().get(0).dischargeMw()).isCloseTo(30, within(1e-9));
        assertThat(shortfall.curtailedMw()).isZero();
        assertThat(shortfall.batteries().get(0).energyMwh()).isCloseTo(145 - 30 / 0.9, within(1e-9));
    }

    @Test
    void aBatteryNeverChargesAboveItsBoundNorDischargesBelowIt() {
        GridBalance grid = new GridBalance(campus(100).battery(BESS).build());
        grid.tick(MIDNIGHT);
        Dispatch full = null;
        for (int hour = 1; hour <= 10; hour++) {
            full = grid.tick(MIDNIGHT.plus(Duration.ofHours(hour)));
        }
        assertThat(full.batteries().get(0).stateOfCharge()).isCloseTo(0.9, within(1e-12));
        assertThat(full.batteries().get(0).chargeMw()).isZero();

        grid.setImportCap(0);
        grid.recordDraw("fab", 500, 500, MIDNIGHT.plus(Duration.ofHours(10)));
        Dispatch empty = null;
        for (int hour = 11; hour <= 30; hour++) {
            empty = grid.tick(MIDNIGHT.plus(Duration.ofHours(hour)));
        }
        assertThat(empty.batteries().get(0).stateOfCharge()).isCloseTo(0.1, within(1e-12));
        assertThat(empty.batteries().get(0).dischargeMw()).isZero();
        assertThat(empty.availableMw()).isZero();
    }

    @Test
    void solarIsServedFirstAndWhatIsNotNeededIsSpilled() {
        GridBalance grid = new GridBalance(campus(400)
                .solarPlant(new SolarPlantSpec("solar-1", 100))
                .solarSite(new SolarSite(0, -90, 1, 7))
                .build());
        grid.recordDraw("fab", 30, 30, MIDNIGHT);
        Instant noon = MIDNIGHT.plus(Duration.ofHours(12));

        Dispatch d = grid.tick(noon);

        SourceDispatch solar = d.sources().get(1);
        assertThat(solar.availableMw()).isGreaterThan(90);
        assertThat(solar.outputMw()).isEqualTo(30);
        assertThat(solar.spareMw()).isCloseTo(solar.availableMw() - 30, within(ONE_WATT_MW));
        assertThat(output(d, "grid")).isZero();
        assertThat(d.costRateUsdPerHour()).isZero();
    }

    @Test
    void theDefaultPolicyServesTheFabsCriticalLoadThenInferenceThenProductionThenTraining() {
        GridSettings settings = campus(0)
                .policy(List.of(
                        new PriorityTier("fab", 0.4),
                        new PriorityTier("dc", 0.3),
                        new PriorityTier("fab", 1),
                        new PriorityTier("dc", 1)))
                .build();
        GridBalance grid = new GridBalance(settings);
        grid.recordDraw("fab", 250, 250, MIDNIGHT);
        grid.recordDraw("dc", 100, 100, MIDNIGHT);

        grid.setImportCap(80);
        Dispatch critical = grid.tick(MIDNIGHT);
        grid.setImportCap(120);
        Dispatch inference = grid.tick(MIDNIGHT.plusSeconds(60));
        grid.setImportCap(200);
        Dispatch production = grid.tick(MIDNIGHT.plusSeconds(120));
        grid.setImportCap(300);
        Dispatch training = grid.tick(MIDNIGHT.plusSeconds(180));

        assertThat(critical.budgetOf("fab").capMw()).isEqualTo(80);
        assertThat(critical.budgetOf("dc").capMw()).isZero();
        assertThat(inference.budgetOf("fab").capMw()).isEqualTo(100);
        assertThat(inference.budgetOf("dc").capMw()).isEqualTo(20);
        assertThat(production.budgetOf("fab").capMw()).isEqualTo(170);
        assertThat(production.budgetOf("dc").capMw()).isEqualTo(30);
        assertThat(training.budgetOf("fab").capMw()).isEqualTo(250);
        assertThat(training.budgetOf("dc").capMw()).isEqualTo(50);
    }
}
