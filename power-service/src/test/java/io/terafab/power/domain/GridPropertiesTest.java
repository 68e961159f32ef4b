package io.terafab.power.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.terafab.platform.model.ModelRejection;
import io.terafab.testing.property.PropertySeeds;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grid's truths over random campuses and random sequences of demand, solar, meter readings and
 * import limits: every tick, generation = served + battery charge - battery discharge, curtailed =
 * demand - served &gt;= 0, no battery leaves its state-of-charge bounds, no ramp or cap is exceeded,
 * and budgets sum to no more than the available supply. Rejected readings change nothing.
 */
class GridPropertiesTest {

    /** Sums of doubles may differ from the exact sum by rounding: one watt is far below anything that matters. */
    private static final double TOLERANCE_MW = 1e-6;

    private static final Instant T0 = Instant.parse("2027-03-01T00:00:00Z");

    static LongStream seeds() {
        return PropertySeeds.range(1, 80);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyTickBalancesAndKeepsEveryLimit(long seed) {
        Random random = new Random(seed);
        GridSettings settings = randomCampus(random);
        GridBalance grid = new GridBalance(settings);
        Map<String, Double> previousOutput = new HashMap<>();
        Map<String, Double> previousEnergy = new HashMap<>();
        settings.batteries().forEach(b -> previousEnergy.put(b.id(), b.initialSoc() * b.energyMwh()));
        List<String> assets = assetIds(settings);
        Instant now = T0;
        int ticks = 0;

        for (int step = 0; step < 400; step++) {
            String where = "seed " + seed + " step " + step;
            now = now.plusSeconds(
                    switch (random.nextInt(8)) {
                        case 0 -> 0;
                        case 1 -> 3 * 3600 + random.nextInt(6 * 3600);
                        default -> random.nextInt(300);
                    });
            switch (random.nextInt(7)) {
                case 0, 1 -> {
                    List<String> consumers = settings.consumers();
                    LateReadings.recordDraw(
                            grid,
                            consumers.get(random.nextInt(consumers.size())),
                            demand(random),
                            random.nextDouble() * 300,
                            now.minusSeconds(random.nextInt(30)),
                            where);
                }
                case 2 -> recordReading(grid, settings, assets, random, now, where);
                case 3 -> {
                    if (random.nextInt(4) == 0) {
                        grid.setImportCap(random.nextInt(5) == 0 ? 0 : random.nextDouble() * 800);
                    }
                }
                default -> {
                    Dispatch d = grid.tick(now);
                    ticks++;
                    assertBalanced(d, where);
                    assertBudgets(d, where);
                    assertSources(d, settings, grid, previousOutput, where);
                    assertBatteries(d, settings, grid, previousEnergy, where);
                    d.sources().forEach(s -> previousOutput.put(s.id(), s.outputMw()));
                    d.batteries().forEach(b -> previousEnergy.put(b.id(), b.energyMwh()));
                }
            }
        }
        assertThat(ticks).as("seed " + seed).isPositive();
    }

    /** Mostly everyday demands, sometimes none, sometimes far above any supply. */
    private static double demand(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 2_000 * random.nextDouble();
            default -> 400 * random.nextDouble();
        };
    }

    /** A valid reading or one the grid must refuse; a refused one must leave the state as it was. */
    private static void recordReading(
            GridBalance grid, GridSettings settings, List<String> assets, Random random, Instant now, String where) {
        Instant at = now.plusSeconds(random.nextInt(600) - 300);
        MeterReading reading;
        boolean valid = true;
        switch (random.nextInt(6)) {
            case 0 -> {
                if (settings.solarPlants().isEmpty()) {
                    return;
                }
                SolarPlantSpec plant = settings.solarPlants()
                        .get(random.nextInt(settings.solarPlants().size()));
                double mw = random.nextDouble() * plant.nameplateMw() * 1.2;
                valid = mw <= plant.nameplateMw();
                reading = new MeterReading("m", plant.id(), MeterQuantity.SOLAR_OUTPUT, mw, at);
            }
            case 1 ->
                reading = new MeterReading(
                        "m", GridSettings.GRID, MeterQuantity.GRID_IMPORT_LIMIT, random.nextDouble() * 700, at);
            case 2 -> {
                if (settings.batteries().isEmpty()) {
                    return;
                }
                BatterySpec battery = settings.batteries()
                        .get(random.nextInt(settings.batteries().size()));
                double soc = random.nextDouble();
                valid = soc >= battery.socMin() && soc <= battery.socMax();
                reading = new MeterReading("m", battery.id(), MeterQuantity.BATTERY_SOC, soc, at);
            }
            case 3, 4 ->
                reading = new MeterReading(
                        "m",
                        assets.get(random.nextInt(assets.size())),
                        MeterQuantity.BREAKER,
                        random.nextInt(3) == 0 ? 0 : 1,
                        at);
            default -> {
                valid = false;
                reading = new MeterReading("m", "no-such-asset", MeterQuantity.BREAKER, 0, at);
            }
        }
        if (valid && !LateReadings.isLate(grid, reading)) {
            grid.recordMeterReading(reading);
        } else {
            GridState before = grid.state();
            assertThatThrownBy(() -> grid.recordMeterReading(reading)).as(where).isInstanceOf(ModelRejection.class);
            assertThat(grid.state())
                    .as("a rejected reading changes nothing, " + where)
                    .isEqualTo(before);
        }
    }

    private static void assertBalanced(Dispatch d, String where) {
        assertThat(d.generationMw())
                .as("generation = served + charge - discharge, " + where)
                .isCloseTo(d.servedMw() + d.batteryChargeMw() - d.batteryDischargeMw(), within(TOLERANCE_MW));
        assertThat(d.curtailedMw())
                .as("curtailed = demand - served, " + where)
                .isCloseTo(d.demandMw() - d.servedMw(), within(TOLERANCE_MW));
        assertThat(d.demandMw() - d.servedMw()).as("curtailed >= 0, " + where).isGreaterThanOrEqualTo(-TOLERANCE_MW);
        assertThat(d.baseServedMw())
                .as("base served <= base load, " + where)
                .isLessThanOrEqualTo(d.campusBaseLoadMw() + TOLERANCE_MW);
    }

    private static void assertBudgets(Dispatch d, String where) {
        assertThat(d.baseServedMw() + d.capsMw())
                .as("budgets and base load <= available supply, " + where)
                .isLessThanOrEqualTo(d.availableMw() + TOLERANCE_MW);
        boolean gridAloneSuffices = d.sources().get(0).availableMw() >= d.demandMw();
        for (ConsumerBudget b : d.budgets()) {
            String who = b.consumer() + ", " + where;
            assertThat(b.capMw()).as("cap >= 0, " + who).isGreaterThanOrEqualTo(0);
            assertThat(b.servedMw())
                    .as("0 <= served <= min(demand, cap), " + who)
                    .isGreaterThanOrEqualTo(0)
                    .isLessThanOrEqualTo(Math.min(b.demandMw(), b.capMw()) + TOLERANCE_MW);
            assertThat(b.curtailedMw()).as("curtailed >= 0, " + who).isGreaterThanOrEqualTo(0);
        }
        if (gridAloneSuffices) {
            assertThat(d.curtailedMw())
                    .as("nothing curtailed when the grid alone could serve all demand, " + where)
                    .isLessThanOrEqualTo(TOLERANCE_MW);
        }
    }

    private static void assertSources(
            Dispatch d, GridSettings settings, GridBalance grid, Map<String, Double> previousOutput, String where) {
        SourceDispatch gridSource = d.sources().get(0);
        assertThat(gridSource.id()).isEqualTo(GridSettings.GRID);
        assertThat(gridSource.outputMw())
                .as("grid import <= its limit, " + where)
                .isLessThanOrEqualTo((gridSource.breakerOpen() ? 0 : grid.importCapMw()) + TOLERANCE_MW);
        for (SourceDispatch s : d.sources()) {
            assertThat(s.outputMw())
                    .as("0 <= output <= available, " + s.id() + ", " + where)
                    .isGreaterThanOrEqualTo(0)
                    .isLessThanOrEqualTo(s.availableMw() + TOLERANCE_MW);
            if (s.breakerOpen()) {
                assertThat(s.outputMw())
                        .as("nothing through an open breaker, " + s.id() + ", " + where)
                        .isZero();
            }
        }
        for (int i = 0; i < settings.gasTurbines().size(); i++) {
            GasTurbineSpec spec = settings.gasTurbines().get(i);
            double out = d.sources().get(1 + i).outputMw();
            double before = previousOutput.getOrDefault(spec.id(), 0.0);
            String who = spec.id() + ", " + where;
            assertThat(out).as("turbine within capacity, " + who).isLessThanOrEqualTo(spec.capacityMw() + TOLERANCE_MW);
            if (out > 0) {
                assertThat(out)
                        .as("a running turbine at or above its minimum stable load, " + who)
                        .isGreaterThanOrEqualTo(spec.minStableLoadMw() - TOLERANCE_MW);
                double ramp = spec.rampWithin(d.intervalSeconds());
                if (before > 0) {
                    assertThat(Math.abs(out - before))
                            .as("ramp within its rate over " + d.intervalSeconds() + " s, " + who)
                            .isLessThanOrEqualTo(ramp + TOLERANCE_MW);
                } else {
                    assertThat(out)
                            .as("a start reaches its minimum load, or what the ramp allows, " + who)
                            .isLessThanOrEqualTo(Math.max(spec.minStableLoadMw(), ramp) + TOLERANCE_MW);
                }
            }
        }
        int firstSolar = 1 + settings.gasTurbines().size();
        for (int i = 0; i < settings.solarPlants().size(); i++) {
            SolarPlantSpec spec = settings.solarPlants().get(i);
            assertThat(d.sources().get(firstSolar + i).availableMw())
                    .as("solar within nameplate, " + spec.id() + where)
                    .isLessThanOrEqualTo(spec.nameplateMw() + TOLERANCE_MW);
        }
    }

    private static void assertBatteries(
            Dispatch d, GridSettings settings, GridBalance grid, Map<String, Double> previousEnergy, String where) {
        double hours = d.intervalSeconds() / 3600;
        for (int i = 0; i < settings.batteries().size(); i++) {
            BatterySpec spec = settings.batteries().get(i);
            BatteryDispatch b = d.batteries().get(i);
            String who = spec.id() + ", " + where;
            assertThat(b.chargeMw())
                    .as("charge within its limit, " + who)
                    .isBetween(0.0, spec.chargeMw() + TOLERANCE_MW);
            assertThat(b.dischargeMw())
                    .as("discharge within its limit, " + who)
                    .isBetween(0.0, spec.dischargeMw() + TOLERANCE_MW);
            assertThat(Math.min(b.chargeMw(), b.dischargeMw()))
                    .as("never both at once, " + who)
                    .isZero();
            assertThat(b.stateOfCharge())
                    .as("state of charge within its bounds, " + who)
                    .isBetween(spec.socMin() - 1e-12, spec.socMax() + 1e-12);
            boolean measuredThisTick = grid.recentReadings().stream()
                    .anyMatch(r -> r.appliedAt().equals(d.at())
                            && r.reading().asset().equals(spec.id())
                            && r.reading().quantity() == MeterQuantity.BATTERY_SOC);
            if (!measuredThisTick) {
                // the flows themselves, before any rounding clamp, keep the energy within bounds
                double unclamped = previousEnergy.get(spec.id())
                        + (b.chargeMw() * spec.chargeEfficiency() - b.dischargeMw() / spec.dischargeEfficiency())
                                * hours;
                assertThat(unclamped)
                        .as("energy moved keeps the bounds, " + who)
                        .isBetween(spec.minEnergyMwh() - TOLERANCE_MW, spec.maxEnergyMwh() + TOLERANCE_MW);
            }
        }
    }

    private static List<String> assetIds(GridSettings settings) {
        List<String> ids = new ArrayList<>(List.of(GridSettings.GRID));
        settings.gasTurbines().forEach(g -> ids.add(g.id()));
        settings.solarPlants().forEach(s -> ids.add(s.id()));
        settings.batteries().forEach(b -> ids.add(b.id()));
        return ids;
    }

    /** A campus of random size and figures, with a random priority policy and merit order. */
    static GridSettings randomCampus(Random random) {
        List<String> consumers = new ArrayList<>(List.of("fab", "dc"));
        if (random.nextBoolean()) {
            consumers.add("lab");
        }
        GridSettings.Builder b = GridSettings.builder(consumers)
                .importCap(random.nextDouble() * 600)
                .tariff(new TimeOfUseTariff(
                        random.nextInt(24),
                        random.nextInt(25),
                        20 + random.nextDouble() * 150,
                        20 + random.nextDouble() * 80,
                        0.2 + random.nextDouble() * 0.4,
                        0.2 + random.nextDouble() * 0.3,
                        ZoneOffset.ofHours(random.nextInt(25) - 12)))
                .solarSite(new SolarSite(
                        random.nextDouble() * 120 - 60,
                        random.nextDouble() * 360 - 180,
                        random.nextDouble(),
                        random.nextLong()))
                .campusBaseLoad(random.nextDouble() * 50)
                .meritOrder(random.nextBoolean() ? MeritOrder.COST : MeritOrder.CARBON)
                .meterValidity(Duration.ofMinutes(1 + random.nextInt(60)));
        for (int i = 1, n = random.nextInt(4); i <= n; i++) {
            double capacity = 10 + random.nextDouble() * 90;
            b.gasTurbine(new GasTurbineSpec(
                    "gt-" + i,
                    capacity,
                    capacity * random.nextDouble() * 0.6,
                    0.5 + random.nextDouble() * 30,
                    20 + random.nextDouble() * 130,
                    0.3 + random.nextDouble() * 0.4));
        }
        for (int i = 1, n = random.nextInt(3); i <= n; i++) {
            b.solarPlant(new SolarPlantSpec("solar-" + i, random.nextDouble() * 200));
        }
        for (int i = 1, n = random.nextInt(3); i <= n; i++) {
            double socMin = random.nextDouble() * 0.3;
            double socMax = 0.6 + random.nextDouble() * 0.4;
            b.battery(new BatterySpec(
                    "bess-" + i,
                    10 + random.nextDouble() * 390,
                    random.nextDouble() * 100,
                    random.nextDouble() * 100,
                    0.7 + random.nextDouble() * 0.3,
                    socMin,
                    socMax,
                    socMin + random.nextDouble() * (socMax - socMin)));
        }
        return b.policy(randomTiers(consumers, random)).build();
    }

    /** Each consumer's shares rise to 1, the consumers' tiers interleaved at random. */
    private static List<PriorityTier> randomTiers(List<String> consumers, Random random) {
        List<List<PriorityTier>> perConsumer = new ArrayList<>();
        for (String consumer : consumers) {
            List<PriorityTier> tiers = new ArrayList<>();
            double share = 0;
            for (int k = random.nextInt(3); k > 0; k--) {
                share += (1 - share) * (0.1 + 0.8 * random.nextDouble());
                tiers.add(new PriorityTier(consumer, share));
            }
            tiers.add(new PriorityTier(consumer, 1));
            perConsumer.add(tiers);
        }
        List<PriorityTier> merged = new ArrayList<>();
        while (perConsumer.stream().anyMatch(l -> !l.isEmpty())) {
            List<List<PriorityTier>> left =
                    perConsumer.stream().filter(l -> !l.isEmpty()).toList();
            merged.add(left.get(random.nextInt(left.size())).remove(0));
        }
        return merged;
    }
}
