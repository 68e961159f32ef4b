package io.terafab.fab.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.fab.definition.LotPriority;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FabSimulationTest {

    private static final double DAY = 86_400;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 12);
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
        assertThat(ticked.eventsProcessed()).isEqualTo(oneGo.eventsProcessed());
        assertThat(new FabSimulation(TestFabs.small(), 0.01, 10).eventsProcessed()).isZero();
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

        assertThat(restored.wafersInProcess()).isEqualTo(original.wafersInProcess());
        assertThat(restored.drawWatts()).isEqualTo(original.drawWatts());
        List<FinishedLot> fromOriginal = run(original, 50 * DAY);
        List<FinishedLot> fromRestored = run(restored, 50 * DAY);
        assertThat(fromRestored).isNotEmpty().isEqualTo(fromOriginal);
        assertThat(restored.eventsProcessed()).isEqualTo(original.eventsProcessed());
    }

    @Test
    void aSnapshotOfAnotherFabIsRefusedAndChangesNothing() {
        FabSimulation small = new FabSimulation(TestFabs.small(), 0, 3);
        small.runUntil(DAY);
        long before = small.wafersStarted();
        FabSimulation other = new FabSimulation(new io.terafab.fab.definition.FabDefinition("other",
                List.of(TestFabs.small().toolGroups().get(0)), TestFabs.small().products().subList(0, 1).stream()
                        .map(p -> new io.terafab.fab.definition.Product("p",
                                List.of(io.terafab.fab.definition.RouteStep.perLot("s", 0, Distribution.constant(60)))))
                        .toList(), List.of(), List.of(), List.of(), java.util.Map.of(), Distribution.constant(0), 0), 0, 1);

        assertThatThrownBy(() -> small.restore(other.state())).isInstanceOf(IllegalArgumentException.class);
        assertThat(small.wafersStarted()).isEqualTo(before);
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
                double cap = random.nextDouble() < 0.2 ? Double.POSITIVE_INFINITY
                        : simulation.floorWatts() + random.nextDouble() * (simulation.peakWatts() - simulation.floorWatts());
                simulation.setPowerCap(cap);
                assertThat(simulation.drawWatts()).as("seed %d step %d: draw under the new cap at once", seed, step)
                        .isLessThanOrEqualTo(cap);
            }
            assertThat(simulation.conserved()).as("seed %d step %d: started = out + scrapped + in process", seed, step)
                    .isTrue();
            assertThat(simulation.drawWatts()).as("seed %d step %d: draw within the cap", seed, step)
                    .isLessThanOrEqualTo(simulation.powerCapWatts());
            assertThat(simulation.demandWatts()).as("seed %d step %d", seed, step)
                    .isGreaterThanOrEqualTo(simulation.drawWatts());
        }
        assertThat(simulation.lotsOut()).as("seed %d: lots still come out", seed).isPositive();
    }

    @Test
    void hotLotsOvertakeRegularLots() {
        CycleTimeStatistics cycleTimes = new CycleTimeStatistics(10 * DAY);
        FabSimulation simulation = new FabSimulation(TestFabs.small(), 0, 4);
        simulation.onFinished(cycleTimes);
        simulation.runUntil(200 * DAY);

        assertThat(cycleTimes.meanDaysByClass().get("hot")).isLessThan(cycleTimes.meanDaysByClass().get("regular"));
    }

    @Test
    void aCapBelowTheFloorHoldsEveryToolAndLiftingItResumesTheRun() {
        FabSimulation simulation = new FabSimulation(TestFabs.small(), 0, 6);
        simulation.runUntil(10 * DAY);
        double demand = simulation.demandWatts();

        simulation.setPowerCap(0);
        assertThat(simulation.drawWatts()).as("the idle and facility floor is never shed").isEqualTo(simulation.floorWatts());
        assertThat(simulation.demandWatts()).isEqualTo(demand);
        long outBefore = simulation.lotsOut();
        simulation.runUntil(12 * DAY);
        assertThat(simulation.lotsOut()).as("nothing finishes while every tool is held").isEqualTo(outBefore);
        int held = 0;
        for (int g = 0; g < 3; g++) {
            held += simulation.toolStates(g)[ToolState.POWER_HELD.ordinal()];
        }
        assertThat(held + simulation.drawWatts()).isPositive();

        simulation.setPowerCap(Double.POSITIVE_INFINITY);
        simulation.runUntil(14 * DAY);
        assertThat(simulation.lotsOut()).isGreaterThan(outBefore);
        assertThat(simulation.conserved()).isTrue();
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
