package io.terafab.fab.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.LotPriority;
import io.terafab.fab.definition.LotRelease;
import io.terafab.fab.definition.RouteStep;
import io.terafab.fab.definition.ToolGroup;
import io.terafab.testing.property.PropertySeeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FabSimulationTest {

    @Test
    void theDrawIntegralAgreesWithTheEnergyMeter() {
        FabSimulation sim = new FabSimulation(TestFabs.small(), 0, 3);
        LotEnergyMeter meter = sim.energyMeter();
        sim.integrateDraw();
        sim.runUntil(10 * 86_400);

        assertThat(sim.drawnJoules())
                .isPositive()
                .isCloseTo(meter.drain(sim.now()).drawnJoules(), org.assertj.core.data.Percentage.withPercentage(1e-9));
    }

    @Test
    void aStartRateFactorScalesTheReleasesAndZeroSkipsThem() {
        double days = 5 * 86_400;
        FabSimulation base = new FabSimulation(TestFabs.small(), 0, 3);
        FabSimulation stopped = new FabSimulation(TestFabs.small(), 0, 3);
        FabSimulation doubled = new FabSimulation(TestFabs.small(), 0, 3);
        for (int r = 0; r < TestFabs.small().releases().size(); r++) {
            stopped.setStartRateFactor(r, 0);
            doubled.setStartRateFactor(r, 2);
        }
        base.runUntil(days);
        stopped.runUntil(days);
        doubled.runUntil(days);

        long started = base.totals().wafersStarted();
        assertThat(started).isGreaterThan(500);
        assertThat(stopped.totals().wafersStarted()).isZero();
        assertThat(doubled.totals().wafersStarted()).isBetween(started * 3 / 2, started * 5 / 2);
        assertThat(doubled.conserved()).isTrue();
        assertThatThrownBy(() -> base.setStartRateFactor(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static final double DAY = 86_400;

    static LongStream seeds() {
        return PropertySeeds.range(1, 12);
    }

    private static List<FinishedLot> run(FabSimulation simulation, double until) {
        List<FinishedLot> finished = new ArrayList<>();
        simulation.onFinished(finished::add);
        simulation.runUntil(until);
        return finished;
    }

    @Test
    void theSameSeedGivesTheSameRunHoweverTimeIsCut() {
        FabSimulation oneGo = new FabSimulation(TestFabs.small(), 0.01, 9);
        List<FinishedLot> a = run(oneGo, 60 * DAY);

        FabSimulation ticked = new FabSimulation(TestFabs.small(), 0.01, 9);
        List<FinishedLot> b = new ArrayList<>();
        ticked.onFinished(b::add);
        for (double t = 0; t <= 60 * DAY; t += 977.3) {
            ticked.runUntil(t);
        }
        ticked.runUntil(60 * DAY);

        assertThat(a).isNotEmpty().isEqualTo(b);
        assertThat(ticked.totals().eventsProcessed()).isEqualTo(oneGo.totals().eventsProcessed());
        assertThat(new FabSimulation(TestFabs.small(), 0.01, 10).totals().eventsProcessed())
                .isZero();
        assertThat(run(new FabSimulation(TestFabs.small(), 0.01, 10), 60 * DAY)).isNotEqualTo(a);
    }

    @Test
    void aRunRestoredFromItsSnapshotContinuesExactlyAsTheOriginal() throws Exception {
        ObjectMapper json = new ObjectMapper();
        FabSimulation original = new FabSimulation(TestFabs.small(), 0.01, 3);
        original.runUntil(20 * DAY);
        original.setPowerCap(9_000_000);
        original.runUntil(21 * DAY);
        String snapshot = json.writeValueAsString(original.state());

        FabSimulation restored = new FabSimulation(TestFabs.small(), 0.01, 3);
        restored.restore(json.readValue(snapshot, SimulationState.class));

        assertThat(restored.totals().wafersInProcess())
                .isEqualTo(original.totals().wafersInProcess());
        assertThat(restored.drawWatts()).isEqualTo(original.drawWatts());
        List<FinishedLot> fromOriginal = run(original, 50 * DAY);
        List<FinishedLot> fromRestored = run(restored, 50 * DAY);
        assertThat(fromRestored).isNotEmpty().isEqualTo(fromOriginal);
        assertThat(restored.totals().eventsProcessed())
                .isEqualTo(original.totals().eventsProcessed());
    }

    @Test
    void aSnapshotOfAnotherFabIsRefusedAndChangesNothing() {
        FabSimulation small = new FabSimulation(TestFabs.small(), 0, 3);
        small.runUntil(DAY);
        long before = small.totals().wafersStarted();
        FabSimulation other = new FabSimulation(
                new io.terafab.fab.definition.FabDefinition(
                        "other",
                        List.of(TestFabs.small().toolGroups().get(0)),
                        TestFabs.small().products().subList(0, 1).stream()
                                .map(p -> new io.terafab.fab.definition.Product(
                                        "p",
                                        List.of(io.terafab.fab.definition.RouteStep.perLot(
                                                "s", 0, Distribution.constant(60)))))
                                .toList(),
                        List.of(),
                        List.of(),
                        List.of(),
                        java.util.Map.of(),
                        Distribution.constant(0),
                        0),
                0,
                1);

        assertThatThrownBy(() -> small.restore(other.state())).isInstanceOf(IllegalArgumentException.class);
        assertThat(small.totals().wafersStarted()).isEqualTo(before);
    }

    /**
     * Property: whatever the seed and whatever power caps arrive when, wafers are conserved after
     * every step, the draw never exceeds a cap above the fab's floor, and demand is at least the draw.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void wafersAreConservedAndTheCapHoldsUnderRandomBudgets(long seed) {
        FabSimulation simulation = new FabSimulation(TestFabs.small(), 0.02, seed);
        RandomStream random = new RandomStream(seed * 31);
        double t = 0;
        for (int step = 0; step < 300; step++) {
            t += random.nextDouble() * 6 * 3_600;
            simulation.runUntil(t);
            if (random.nextDouble() < 0.3) {
                double cap = random.nextDouble() < 0.2
                        ? Double.POSITIVE_INFINITY
                        : simulation.floorWatts()
                                + random.nextDouble() * (simulation.peakWatts() - simulation.floorWatts());
                simulation.setPowerCap(cap);
                assertThat(simulation.drawWatts())
                        .as("seed %d step %d: draw under the new cap at once", seed, step)
                        .isLessThanOrEqualTo(cap);
            }
            assertThat(simulation.conserved())
                    .as("seed %d step %d: started = out + scrapped + in process", seed, step)
                    .isTrue();
            assertThat(simulation.drawWatts())
                    .as("seed %d step %d: draw within the cap", seed, step)
                    .isLessThanOrEqualTo(simulation.powerCapWatts());
            assertThat(simulation.demandWatts())
                    .as("seed %d step %d", seed, step)
                    .isGreaterThanOrEqualTo(simulation.drawWatts());
        }
        assertThat(simulation.totals().lotsOut())
                .as("seed %d: lots still come out", seed)
                .isPositive();
    }

    @Test
    void hotLotsOvertakeRegularLots() {
        CycleTimeStatistics cycleTimes = new CycleTimeStatistics(10 * DAY);
        FabSimulation simulation = new FabSimulation(TestFabs.small(), 0, 4);
        simulation.onFinished(cycleTimes);
        simulation.runUntil(200 * DAY);

        assertThat(cycleTimes.meanDaysByClass().get("hot"))
                .isLessThan(cycleTimes.meanDaysByClass().get("regular"));
    }

    @Test
    void aCapBelowTheFloorHoldsEveryToolAndLiftingItResumesTheRun() {
        FabSimulation simulation = new FabSimulation(TestFabs.small(), 0, 6);
        simulation.runUntil(10 * DAY);
        double demand = simulation.demandWatts();
        assertThat(demand).as("tools are running jobs when the cap comes").isGreaterThan(simulation.floorWatts());

        simulation.setPowerCap(0);
        assertThat(simulation.drawWatts())
                .as("the idle and facility floor is never shed")
                .isEqualTo(simulation.floorWatts());
        assertThat(simulation.demandWatts()).isEqualTo(demand);
        long outBefore = simulation.totals().lotsOut();
        simulation.runUntil(12 * DAY);
        assertThat(simulation.totals().lotsOut())
                .as("nothing finishes while every tool is held")
                .isEqualTo(outBefore);
        int held = 0;
        int productive = 0;
        for (int g = 0; g < 3; g++) {
            held += simulation.toolStates(g)[ToolState.POWER_HELD.ordinal()];
            productive += simulation.toolStates(g)[ToolState.PRODUCTIVE.ordinal()];
        }
        assertThat(productive)
                .as("no tool runs a job under a cap below the floor")
                .isZero();
        assertThat(held)
                .as("the jobs running when the cap came are held, not dropped")
                .isPositive();

        simulation.setPowerCap(Double.POSITIVE_INFINITY);
        simulation.runUntil(14 * DAY);
        assertThat(simulation.totals().lotsOut()).isGreaterThan(outBefore);
        assertThat(simulation.conserved()).isTrue();
    }

    /**
     * A cap that leaves room for one scanner job stops regular (and hot) lots, whose starts must
     * leave that room to the super-hot lot in the line; the super-hot lot meanwhile goes through
     * the whole route, its jobs starting as soon as they fit and pausing less urgent ones to fit.
     */
    @Test
    void aSuperHotLotKeepsMovingUnderACapThatStopsRegularLots() {
        double capAt = 10 * DAY;
        double settled = capAt + 6 * 3_600; // jobs running when the cap came have ended by then
        FabDefinition fab = withOneSuperHotLotAt(TestFabs.small(), capAt);
        FabSimulation simulation = new FabSimulation(fab, 0, 5);
        List<FinishedLot> finished = new ArrayList<>();
        Map<String, Integer> regularStepsWhenSuperHotLeft = new HashMap<>();
        simulation.onFinished(lot -> {
            finished.add(lot);
            if (lot.priority() == LotPriority.SUPER_HOT) {
                regularStepsWhenSuperHotLeft.putAll(regularSteps(simulation));
            }
        });
        simulation.runUntil(capAt - 1);
        ToolGroup scanner = fab.toolGroups().get(0);
        double cap = simulation.floorWatts() + scanner.busyWatts() - scanner.idleWatts();
        simulation.setPowerCap(cap);

        Map<String, Integer> regularStepsSettled = new HashMap<>();
        for (double t = capAt; t <= capAt + 3 * DAY && regularStepsWhenSuperHotLeft.isEmpty(); t += 600) {
            simulation.runUntil(t);
            assertThat(simulation.drawWatts())
                    .as("draw within the cap at %.0f s", t)
                    .isLessThanOrEqualTo(cap);
            if (regularStepsSettled.isEmpty() && t >= settled) {
                regularStepsSettled.putAll(regularSteps(simulation));
            }
        }

        FinishedLot superHot = finished.stream()
                .filter(lot -> lot.priority() == LotPriority.SUPER_HOT)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the super-hot lot did not get through in 3 days"));
        assertThat(superHot.cycleTimeSeconds())
                .as("super-hot cycle time")
                .isLessThan(2 * fab.products().get(0).rawProcessSeconds(25));
        assertThat(regularStepsSettled).as("regular lots in the line").isNotEmpty();
        List<RouteStep> route = fab.products().get(0).route();
        regularStepsSettled.forEach((lot, step) -> {
            Integer stepWhenSuperHotLeft = regularStepsWhenSuperHotLeft.get(lot);
            assertThat(stepWhenSuperHotLeft)
                    .as("%s still in the line when the super-hot lot left", lot)
                    .isNotNull();
            if (stepWhenSuperHotLeft != step.intValue()) {
                // the only way on: a place in the super-hot lot's batch, which costs no more power
                assertThat(route.get(step).batched())
                        .as("%s moved on from step %d to %d", lot, step, stepWhenSuperHotLeft)
                        .isTrue();
            }
        });
        regularStepsWhenSuperHotLeft.forEach((lot, step) -> {
            if (!regularStepsSettled.containsKey(lot)) {
                assertThat(step)
                        .as("%s, released meanwhile, is still at its first step", lot)
                        .isZero();
            }
        });
        assertThat(simulation.conserved()).isTrue();
    }

    private static Map<String, Integer> regularSteps(FabSimulation simulation) {
        Map<String, Integer> steps = new HashMap<>();
        simulation.lots(Integer.MAX_VALUE).stream()
                .filter(lot -> lot.priority() == LotPriority.REGULAR)
                .forEach(lot -> steps.put(lot.name(), lot.step()));
        return steps;
    }

    /**
     * Under a cap the demand the fab reports is what it would draw without it: its held jobs and
     * the starts the cap holds back count, so lifting the cap takes the draw to that demand at once
     * (instead of the demand sinking to the draw as jobs end under the cap).
     */
    @Test
    void aCappedFabsDemandIsWhatItDrawsTheMomentTheCapIsLifted() {
        FabSimulation simulation = new FabSimulation(TestFabs.small(), 0, 8);
        simulation.runUntil(10 * DAY);
        simulation.setPowerCap(
                simulation.floorWatts() + 300_000); // room for a few etch and furnace jobs, no scanner job
        simulation.runUntil(11 * DAY);
        double demand = simulation.demandWatts();
        assertThat(demand).as("lots wait for the scanners").isGreaterThan(simulation.drawWatts() + 500_000);

        simulation.setPowerCap(Double.POSITIVE_INFINITY);

        assertThat(simulation.drawWatts()).isCloseTo(demand, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(simulation.demandWatts()).isCloseTo(demand, org.assertj.core.data.Offset.offset(1e-3));
    }

    /** The same fab with one more release: a single super-hot lot at {@code at}. */
    private static FabDefinition withOneSuperHotLotAt(FabDefinition fab, double at) {
        List<LotRelease> releases = new ArrayList<>(fab.releases());
        releases.add(new LotRelease("superhot", 0, LotPriority.SUPER_HOT, 25, at, Distribution.constant(DAY), 1));
        return new FabDefinition(
                fab.name(),
                fab.toolGroups(),
                fab.products(),
                releases,
                fab.initialWip(),
                fab.downtimes(),
                fab.setupSeconds(),
                fab.transport(),
                fab.facilityWatts());
    }

    @Test
    void aFinishedLotCarriesItsClassAndTimes() {
        List<FinishedLot> finished = run(new FabSimulation(TestFabs.small(), 0, 2), 30 * DAY);

        assertThat(finished).isNotEmpty().allSatisfy(lot -> {
            assertThat(lot.finishedAt()).isGreaterThan(lot.startedAt());
            assertThat(lot.wafers()).isEqualTo(25);
        });
        assertThat(finished).extracting(FinishedLot::priority).contains(LotPriority.REGULAR);
    }
}
