package io.terafab.power.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.terafab.platform.model.ModelRejection;
import io.terafab.testing.property.PropertySeeds;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A consumer's reported floor, the least it can draw without stopping, is served before any
 * priority tier: whenever the supply covers the base load and every floor, every budget covers its
 * consumer's floor; when it does not, the floors are served in the order of the consumers' first
 * tiers and the tiers get nothing.
 */
class ReportedFloorsTest {

    /** Sums of doubles may differ from the exact sum by rounding: one watt is far below anything that matters. */
    private static final double TOLERANCE_MW = 1e-6;

    private static final Instant T0 = Instant.parse("2027-03-01T00:00:00Z");
    private static final List<PriorityTier> CAMPUS_TIERS = List.of(
            new PriorityTier("fab", 0.4),
            new PriorityTier("dc", 0.3),
            new PriorityTier("fab", 1),
            new PriorityTier("dc", 1));

    static LongStream seeds() {
        return PropertySeeds.range(1, 80);
    }

    /**
     * Property, over random campuses, policies, demands, floors and import limits: base load served
     * plus the budgets never exceed the supply; with supply for the base load and every floor, each
     * budget is at least its floor; short of that, each consumer gets its floor or all that is left
     * after the base load and the floors served before it.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void budgetsCoverEveryFloorWheneverTheSupplyCoversThemAll(long seed) {
        Random random = new Random(seed);
        GridSettings settings = GridPropertiesTest.randomCampus(random);
        GridBalance grid = new GridBalance(settings);
        Map<String, Double> floors = new HashMap<>();
        Instant now = T0;

        for (int step = 0; step < 300; step++) {
            String where = "seed " + seed + " step " + step;
            now = now.plusSeconds(random.nextInt(300));
            switch (random.nextInt(5)) {
                case 0, 1 -> {
                    String consumer = settings.consumers()
                            .get(random.nextInt(settings.consumers().size()));
                    double demand = random.nextInt(8) == 0 ? 0 : random.nextDouble() * 400;
                    Double floor = random.nextInt(4) == 0 ? null : demand * random.nextDouble();
                    grid.recordDraw(consumer, demand, demand * random.nextDouble(), floor, now);
                    floors.put(consumer, floor == null ? 0 : floor);
                }
                case 2 -> grid.setImportCap(random.nextDouble() * 700);
                default -> assertFloorsServedFirst(grid.tick(now), settings.policy(), floors, where);
            }
        }
    }

    private static void assertFloorsServedFirst(
            Dispatch d, PriorityPolicy policy, Map<String, Double> floors, String where) {
        assertThat(d.baseServedMw() + d.capsMw())
                .as("base load and budgets within the supply, " + where)
                .isLessThanOrEqualTo(d.availableMw() + TOLERANCE_MW);
        double sumOfFloors =
                floors.values().stream().mapToDouble(Double::doubleValue).sum();
        double left = Math.max(0, d.availableMw() - d.campusBaseLoadMw());
        boolean suppliesAllFloors = left >= sumOfFloors;
        for (int c : policy.floorOrder()) {
            String consumer = policy.consumers().get(c);
            double floor = floors.getOrDefault(consumer, 0.0);
            ConsumerBudget budget = d.budgetOf(consumer);
            assertThat(budget.floorMw())
                    .as("the floor the grid knows, " + consumer + ", " + where)
                    .isEqualTo(floor);
            if (suppliesAllFloors) {
                assertThat(budget.capMw())
                        .as("budget covers the floor, " + consumer + ", " + where)
                        .isGreaterThanOrEqualTo(floor - TOLERANCE_MW);
            } else {
                assertThat(budget.capMw())
                        .as("floor or all that is left, " + consumer + ", " + where)
                        .isGreaterThanOrEqualTo(Math.min(floor, left) - TOLERANCE_MW);
            }
            left = Math.max(0, left - floor);
        }
    }

    @Test
    void whenSupplyIsShortOfTheFabsFloorTheFabGetsAllThatIsLeftAndTheTiersNothing() {
        GridBalance grid = campus(20 + 100);
        grid.recordDraw("fab", 160, 150, 107.0, T0);
        grid.recordDraw("dc", 100, 100, T0);

        Dispatch d = grid.tick(T0);

        assertThat(d.baseServedMw()).isEqualTo(20);
        assertThat(d.budgetOf("fab").capMw())
                .as("all 100 MW left: short of its floor, but as close as can be")
                .isCloseTo(100, within(TOLERANCE_MW));
        assertThat(d.budgetOf("dc").capMw())
                .as("the inference tier comes after the fab's floor")
                .isZero();
        assertThat(d.budgetOf("fab").floorMw()).isEqualTo(107);
    }

    @Test
    void withoutAFloorTheSameShortSupplyFollowsTheTiers() {
        GridBalance grid = campus(20 + 100);
        grid.recordDraw("fab", 160, 150, T0);
        grid.recordDraw("dc", 100, 100, T0);

        Dispatch d = grid.tick(T0);

        // fab:0.4 of 160 = 64, dc:0.3 of 100 = 30, then fab:1 takes the 6 left
        assertThat(d.budgetOf("fab").capMw()).isCloseTo(70, within(TOLERANCE_MW));
        assertThat(d.budgetOf("dc").capMw()).isCloseTo(30, within(TOLERANCE_MW));
    }

    @Test
    void onceTheFloorsAreServedTheTiersShareTheRest() {
        GridBalance grid = campus(20 + 107 + 50);
        grid.recordDraw("fab", 160, 150, 107.0, T0);
        grid.recordDraw("dc", 100, 100, 0.0, T0);

        Dispatch d = grid.tick(T0);

        // the fab's floor (107) is above its first tier (0.4 x 160 = 64); then dc:0.3 = 30; fab:1 takes 20 of its 53
        assertThat(d.budgetOf("fab").capMw()).isCloseTo(127, within(TOLERANCE_MW));
        assertThat(d.budgetOf("dc").capMw()).isCloseTo(30, within(TOLERANCE_MW));
    }

    @Test
    void aFloorAboveTheDemandOrNotANumberIsRefusedAndChangesNothing() {
        GridBalance grid = campus(500);
        grid.recordDraw("fab", 160, 150, 107.0, T0);
        GridState before = grid.state();

        for (double floor : new double[] {160.5, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> grid.recordDraw("fab", 160, 150, floor, T0.plusSeconds(60)))
                    .isInstanceOfSatisfying(
                            ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(ModelRejection.Kind.INVALID))
                    .hasMessageContaining("floor");
        }
        assertThat(grid.state()).isEqualTo(before);
        assertThat(grid.consumers().get("fab").floorMw()).isEqualTo(107);
    }

    @Test
    void aReadingWithoutAFloorClearsTheOneBefore() {
        GridBalance grid = campus(500);
        grid.recordDraw("fab", 160, 150, 107.0, T0);
        grid.recordDraw("fab", 160, 150, T0.plusSeconds(60));

        assertThat(grid.consumers().get("fab").floorMw()).isZero();
    }

    /** The default campus's tiers and a 20 MW base load, supplied by the import limit alone. */
    private static GridBalance campus(double importCapMw) {
        return new GridBalance(GridSettings.builder(List.of("fab", "dc"))
                .importCap(importCapMw)
                .campusBaseLoad(20)
                .policy(CAMPUS_TIERS)
                .build());
    }
}
