package io.terafab.power.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.terafab.platform.model.ModelRejection;
import io.terafab.testing.property.PropertySeeds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Budgets and consumers on a campus fed by the grid connection alone, served in the order of the consumers. */
class GridBalanceTest {

    /** Sums of doubles may differ from the exact sum by rounding: one watt is far below anything that matters. */
    private static final double ONE_WATT_MW = 1e-6;

    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");

    private static GridSettings settings(double importCap, double baseLoad, List<String> consumers) {
        return GridSettings.builder(consumers)
                .importCap(importCap)
                .campusBaseLoad(baseLoad)
                .build();
    }

    /** The thin campus's 400 MW import plus 150 MW on site, as one 550 MW supply less what the import was cut by. */
    private static GridBalance campus(double importCap) {
        return new GridBalance(settings(importCap + 150, 20, List.of("fab", "dc")));
    }

    static LongStream seeds() {
        return PropertySeeds.range(1, 60);
    }

    /**
     * What the test itself knows of the campus, kept from what it fed the grid: the import cap (the
     * only source), the base load and each consumer's latest accepted demand. The served, curtailed
     * and headroom figures of a dispatch are checked against it, not against the dispatch's own.
     */
    private static final class Ledger {

        private double importCapMw;
        private final double baseLoadMw;
        private final Map<String, Double> demandMw = new HashMap<>();
        private final Map<String, Instant> latestReadingAt = new HashMap<>();

        Ledger(double importCapMw, double baseLoadMw, List<String> consumers) {
            this.importCapMw = importCapMw;
            this.baseLoadMw = baseLoadMw;
            consumers.forEach(c -> demandMw.put(c, 0.0));
        }

        /** A reading is taken unless one of the consumer's was stamped later (same instant: it replaces). */
        void reading(String consumer, double mw, Instant at) {
            Instant latest = latestReadingAt.get(consumer);
            if (latest == null || !at.isBefore(latest)) {
                demandMw.put(consumer, mw);
                latestReadingAt.put(consumer, at);
            }
        }

        double baseServedMw() {
            return Math.min(baseLoadMw, importCapMw);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyTickKeepsCapsServedAndPriorityConsistent(long seed) {
        Random random = new Random(seed);
        List<String> consumers = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            consumers.add("c" + i);
        }
        double importCap = random.nextDouble() * 1100;
        double baseLoad = random.nextDouble() * 60;
        GridBalance grid = new GridBalance(settings(importCap, baseLoad, consumers));
        Ledger ledger = new Ledger(importCap, baseLoad, consumers);
        Instant now = T0;
        for (int step = 0; step < 300; step++) {
            now = now.plusSeconds(random.nextInt(120));
            switch (random.nextInt(5)) {
                case 0, 1 -> {
                    String consumer = consumers.get(random.nextInt(consumers.size()));
                    double demand = demand(random);
                    Instant at = now.minusSeconds(random.nextInt(30));
                    LateReadings.recordDraw(
                            grid, consumer, demand, random.nextDouble() * 300, at, "seed " + seed + " step " + step);
                    ledger.reading(consumer, demand, at);
                }
                case 2 -> {
                    double cap = random.nextInt(10) == 0 ? 0 : random.nextDouble() * 800;
                    grid.setImportCap(cap);
                    ledger.importCapMw = cap;
                }
                default -> {
                    Dispatch dispatch = grid.tick(now);
                    assertInvariants(dispatch, ledger, "seed " + seed + " step " + step);
                }
            }
        }
    }

    /** Mostly everyday demands, sometimes none, sometimes far above any supply. */
    private static double demand(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 2_000 * random.nextDouble();
            default -> 400 * random.nextDouble();
        };
    }

    private static void assertInvariants(Dispatch d, Ledger ledger, String where) {
        assertThat(d.availableMw())
                .as("available = the import cap, the only source, " + where)
                .isEqualTo(ledger.importCapMw);
        assertThat(d.capsMw() + d.baseServedMw())
                .as("caps + base served <= available, " + where)
                .isLessThanOrEqualTo(ledger.importCapMw + ONE_WATT_MW);
        assertThat(d.baseServedMw()).as("base load served first, " + where).isEqualTo(ledger.baseServedMw());
        // served and curtailed from the demands the ledger recorded and the caps the dispatch chose
        double served = ledger.baseServedMw();
        double curtailed = ledger.baseLoadMw - ledger.baseServedMw();
        boolean someoneCurtailed = false;
        for (ConsumerBudget b : d.budgets()) {
            String who = b.consumer() + ", " + where;
            double demand = ledger.demandMw.get(b.consumer());
            double expectedServed = Math.min(demand, b.capMw());
            assertThat(b.capMw()).as("cap >= 0, " + who).isGreaterThanOrEqualTo(0);
            assertThat(b.demandMw())
                    .as("demand = the latest reading taken, " + who)
                    .isEqualTo(demand);
            assertThat(b.servedMw())
                    .as("served = the demand up to the cap, " + who)
                    .isCloseTo(expectedServed, within(ONE_WATT_MW));
            assertThat(b.curtailedMw())
                    .as("curtailed = the demand above the cap, " + who)
                    .isCloseTo(Math.max(0, demand - b.capMw()), within(ONE_WATT_MW));
            assertThat(b.curtailed())
                    .as("curtailed flag iff the cap is below the demand, " + who)
                    .isEqualTo(b.capMw() < demand);
            if (someoneCurtailed) {
                assertThat(b.capMw())
                        .as("nothing left after a curtailed higher-priority consumer, " + who)
                        .isZero();
            }
            someoneCurtailed |= b.capMw() < demand;
            served += expectedServed;
            curtailed += Math.max(0, demand - b.capMw());
        }
        assertThat(d.servedMw())
                .as("served: the base load and the demands up to their caps, within what is " + "available, " + where)
                .isCloseTo(served, within(ONE_WATT_MW))
                .isLessThanOrEqualTo(ledger.importCapMw + ONE_WATT_MW);
        assertThat(d.curtailedMw())
                .as("curtailed: base load and demands unserved, " + where)
                .isCloseTo(curtailed, within(ONE_WATT_MW));
        assertThat(d.headroomMw())
                .as("headroom: the import cap less everything served, " + where)
                .isCloseTo(Math.max(0, ledger.importCapMw - served), within(ONE_WATT_MW));
        if (!someoneCurtailed && ledger.baseServedMw() == ledger.baseLoadMw) {
            assertThat(d.capsMw() + d.baseServedMw())
                    .as("all headroom handed out when nobody is short, " + where)
                    .isCloseTo(ledger.importCapMw, within(ONE_WATT_MW));
        }
    }

    @Test
    void whenShortTheFabIsServedInFullAndTheDataCenterIsCurtailed() {
        GridBalance grid = campus(200); // 350 available, 20 base load: 330 for the consumers
        grid.recordDraw("fab", 200, 190, T0);
        grid.recordDraw("dc", 300, 280, T0);

        Dispatch d = grid.tick(T0.plusSeconds(60));

        assertThat(d.availableMw()).isEqualTo(350);
        assertThat(d.budgetOf("fab").capMw()).isEqualTo(200);
        assertThat(d.budgetOf("fab").curtailed()).isFalse();
        assertThat(d.budgetOf("dc").capMw()).isEqualTo(130);
        assertThat(d.budgetOf("dc").curtailed()).isTrue();
        assertThat(d.budgetOf("dc").curtailedMw()).isEqualTo(170);
        assertThat(d.curtailedMw()).isEqualTo(170);
        assertThat(d.headroomMw()).isZero();
        assertThat(d.validUntil()).isEqualTo(T0.plusSeconds(60).plus(Duration.ofMinutes(5)));
    }

    @Test
    void whenSupplyCannotCoverTheFabTheDataCenterGetsNothing() {
        GridBalance grid = new GridBalance(settings(50, 20, List.of("fab", "dc")));
        grid.recordDraw("fab", 100, 0, T0);
        grid.recordDraw("dc", 100, 0, T0);

        Dispatch d = grid.tick(T0);

        assertThat(d.budgetOf("fab").capMw()).isEqualTo(30);
        assertThat(d.budgetOf("dc").capMw()).isZero();
        assertThat(d.curtailedMw()).isEqualTo(170);
    }

    @Test
    void whenSupplyIsBelowTheBaseLoadNoConsumerGetsAnything() {
        GridBalance grid = new GridBalance(settings(5, 20, List.of("fab", "dc")));
        grid.recordDraw("fab", 100, 0, T0);

        Dispatch d = grid.tick(T0);

        assertThat(d.baseServedMw()).isEqualTo(5);
        assertThat(d.budgetOf("fab").capMw()).isZero();
        assertThat(d.curtailedMw()).isEqualTo(15 + 100);
    }

    @Test
    void headroomIsSharedInProportionToDemand() {
        GridBalance grid = campus(400); // 550 available, 530 after base load
        grid.recordDraw("fab", 100, 100, T0);
        grid.recordDraw("dc", 300, 300, T0);

        Dispatch d = grid.tick(T0);

        // 130 MW left after both demands: a quarter to the fab, three quarters to the data center
        assertThat(d.budgetOf("fab").capMw()).isCloseTo(100 + 32.5, within(ONE_WATT_MW));
        assertThat(d.budgetOf("dc").capMw()).isCloseTo(300 + 97.5, within(ONE_WATT_MW));
        assertThat(d.budgetOf("dc").curtailed()).isFalse();
        assertThat(d.headroomMw()).isCloseTo(130, within(ONE_WATT_MW));
    }

    @Test
    void headroomIsSplitEvenlyWhenNobodyAsksForPower() {
        Dispatch d = campus(400).tick(T0);

        assertThat(d.budgetOf("fab").capMw()).isEqualTo(265);
        assertThat(d.budgetOf("dc").capMw()).isEqualTo(265);
    }

    @Test
    void aReadingOlderThanTheLatestIsRefusedAsOutOfOrderAndChangesNothing() {
        GridBalance grid = campus(400);
        grid.recordDraw("fab", 200, 190, T0.plusSeconds(60));
        GridState before = grid.state();

        assertThatThrownBy(() -> grid.recordDraw("fab", 999, 999, T0))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(ModelRejection.Kind.OUT_OF_ORDER))
                .hasMessageContaining("older than the latest applied");

        assertThat(grid.state()).isEqualTo(before);
        assertThat(grid.consumers().get("fab").demandMw()).isEqualTo(200);
        grid.recordDraw("dc", 50, 50, T0); // each consumer has its own order
        assertThat(grid.consumers().get("dc").demandMw()).isEqualTo(50);
    }

    @Test
    void aReadingAtTheSameInstantAsTheLatestReplacesIt() {
        GridBalance grid = campus(400);
        grid.recordDraw("dc", 100, 100, T0);

        grid.recordDraw("dc", 120, 110, T0);
        assertThat(grid.consumers().get("dc").demandMw()).isEqualTo(120);
    }

    @Test
    void anUnknownConsumerIsRejectedAndChangesNothing() {
        GridBalance grid = campus(400);
        grid.recordDraw("fab", 200, 190, T0);
        GridState before = grid.state();

        assertThatThrownBy(() -> grid.recordDraw("mine", 10, 10, T0))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(ModelRejection.Kind.UNKNOWN_ENTITY))
                .hasMessageContaining("mine");
        assertThat(grid.state()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
    void aReadingWithAnImpossibleFigureIsRejectedAndChangesNothing(double mw) {
        GridBalance grid = campus(400);
        GridState before = grid.state();

        assertThatThrownBy(() -> grid.recordDraw("fab", mw, 0, T0))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(ModelRejection.Kind.INVALID));
        assertThatThrownBy(() -> grid.recordDraw("fab", 0, mw, T0)).isInstanceOf(ModelRejection.class);
        assertThatThrownBy(() -> grid.setImportCap(mw)).isInstanceOf(ModelRejection.class);
        assertThat(grid.state()).isEqualTo(before);
    }

    @Test
    void aSilentConsumerKeepsItsLastDemandAndIsFlaggedStale() {
        GridBalance grid = campus(400);
        grid.recordDraw("fab", 200, 190, T0);

        Dispatch beforeTimeout = grid.tick(T0.plus(Duration.ofMinutes(15)));
        Dispatch afterTimeout = grid.tick(T0.plus(Duration.ofMinutes(16)));

        assertThat(beforeTimeout.budgetOf("fab").stale()).isFalse();
        assertThat(afterTimeout.budgetOf("fab").stale()).isTrue();
        assertThat(afterTimeout.budgetOf("fab").demandMw()).isEqualTo(200);
        assertThat(afterTimeout.budgetOf("dc").stale())
                .as("never heard from: idle, not stale")
                .isFalse();
    }

    @Test
    void loweringTheImportCapLowersTheLowestPriorityBudgetFirst() {
        GridBalance grid = campus(400);
        grid.recordDraw("fab", 200, 200, T0);
        grid.recordDraw("dc", 300, 300, T0);
        Dispatch before = grid.tick(T0);

        grid.setImportCap(400);
        Dispatch after = grid.tick(T0.plusSeconds(60));

        assertThat(before.budgetOf("dc").curtailed()).isFalse();
        assertThat(after.budgetOf("fab").capMw()).isEqualTo(200);
        assertThat(after.budgetOf("dc").capMw()).isEqualTo(180);
        assertThat(after.budgetOf("dc").curtailed()).isTrue();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRestoredSnapshotHasTheSameStateAndIssuesTheSameBudgets(long seed) {
        Random random = new Random(seed);
        GridBalance original = campus(400);
        Instant now = T0;
        for (int step = 0; step < 50; step++) {
            now = now.plusSeconds(30);
            switch (random.nextInt(4)) {
                case 0 -> original.recordDraw("fab", demand(random), random.nextDouble() * 300, now);
                case 1 ->
                    LateReadings.recordDraw(
                            original,
                            "dc",
                            demand(random),
                            random.nextDouble() * 300,
                            now.minusSeconds(random.nextInt(60)),
                            "seed " + seed + " step " + step);
                case 2 -> original.setImportCap(random.nextDouble() * 600);
                default -> original.tick(now);
            }
        }

        GridBalance restored = campus(400);
        restored.restore(original.state());

        assertThat(restored.state()).as("seed " + seed).isEqualTo(original.state());
        Instant next = now.plusSeconds(60);
        assertThat(restored.tick(next)).as("seed " + seed).isEqualTo(original.tick(next));
    }

    @Test
    void aSnapshotOfOtherConsumersRestoresTheConfiguredOnesOnly() {
        GridBalance old = new GridBalance(settings(550, 20, List.of("fab", "dc", "lab")));
        old.recordDraw("lab", 5, 5, T0);
        old.recordDraw("fab", 100, 90, T0);
        old.tick(T0);

        GridBalance grid = campus(400);
        grid.restore(old.state());

        assertThat(grid.consumers()).containsOnlyKeys("fab", "dc");
        assertThat(grid.consumers().get("fab").demandMw()).isEqualTo(100);
        assertThat(grid.lastDispatch())
                .as("the next tick issues the first dispatch after a restore")
                .isEmpty();
        assertThat(grid.ticks()).isEqualTo(1);
    }

    @Test
    void settingsRefuseImpossibleFigures() {
        assertThatThrownBy(() -> settings(-1, 0, List.of("fab"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(0, Double.NaN, List.of("fab"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(0, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(0, 0, List.of("fab", "fab"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings(0, 0, List.of("campus"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GridSettings.builder(List.of("fab"))
                        .budgetValidity(Duration.ZERO)
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GasTurbineSpec("gt-1", 50, 60, 10, 50, 0.5))
                .hasMessageContaining("minimum stable load");
        assertThatThrownBy(() -> new BatterySpec("bess-1", 100, 10, 10, 0.9, 0.5, 0.4, 0.45))
                .hasMessageContaining("reversed");
        assertThatThrownBy(() -> GridSettings.builder(List.of("fab"))
                        .gasTurbine(new GasTurbineSpec("grid", 50, 0, 10, 50, 0.5))
                        .build())
                .hasMessageContaining("unique");
    }
}
