package io.terafab.fab.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.testing.property.PropertySeeds;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A tool's own telemetry overriding its simulated state, on the small test fab. */
class ToolReportTest {

    private static final double HOUR = 3_600;
    private static final double DAY = 86_400;
    private static final int SCANNER_GROUP = 0;
    private static final int ETCHER_GROUP = 2;

    static LongStream seeds() {
        return PropertySeeds.range(1, 8);
    }

    private static FabSimulation runFor(double days, long seed) {
        FabSimulation simulation = new FabSimulation(TestFabs.small(), 0.01, seed);
        simulation.runUntil(days * DAY);
        return simulation;
    }

    private static int count(FabSimulation simulation, int group, ToolState state) {
        return simulation.toolStates(group)[state.ordinal()];
    }

    @Test
    void downReportsStopAWholeGroupUntilTheirUpReports() {
        FabSimulation simulation = runFor(10, 1);
        int first = simulation.firstToolOf(SCANNER_GROUP);
        for (int t = first; t < first + 3; t++) {
            simulation.report(t, ToolReport.DOWN, simulation.now());
        }
        long outBefore = simulation.totals().lotsOut();

        simulation.runUntil(simulation.now() + 3 * DAY);

        assertThat(count(simulation, SCANNER_GROUP, ToolState.UNSCHEDULED_DOWN)).isEqualTo(3);
        assertThat(simulation.overridden(first)).isTrue();
        int queuedWhileDown = simulation.queueLength(SCANNER_GROUP);
        assertThat(queuedWhileDown)
                .as("lots pile up in front of the stopped scanners")
                .isGreaterThan(5);
        assertThat(simulation.idleCountsConsistent()).isTrue();

        for (int t = first; t < first + 3; t++) {
            simulation.report(t, ToolReport.UP, simulation.now());
        }
        assertThat(count(simulation, SCANNER_GROUP, ToolState.UNSCHEDULED_DOWN)).isZero();
        assertThat(simulation.overridden(first)).isFalse();
        simulation.runUntil(simulation.now() + 10 * DAY);
        assertThat(simulation.queueLength(SCANNER_GROUP))
                .as("the queue drains once they are up")
                .isLessThan(queuedWhileDown);
        assertThat(simulation.totals().lotsOut()).isGreaterThan(outBefore);
        assertThat(simulation.conserved()).isTrue();
    }

    @Test
    void aJobStoppedByADownReportResumesWhereItStoppedAtTheUp() {
        FabSimulation simulation = runFor(10, 2);
        int busy = busyTool(simulation);
        double drawBefore = simulation.drawWatts();

        simulation.report(busy, ToolReport.PM, simulation.now());

        assertThat(simulation.toolState(busy)).isEqualTo(ToolState.SCHEDULED_DOWN);
        assertThat(simulation.drawWatts()).as("its productive load is off").isLessThan(drawBefore);
        simulation.runUntil(simulation.now() + 2 * DAY);
        assertThat(simulation.toolState(busy))
                .as("no simulated event ends a reported stop")
                .isEqualTo(ToolState.SCHEDULED_DOWN);

        simulation.report(busy, ToolReport.UP, simulation.now());

        assertThat(simulation.toolState(busy)).as("its paused job goes on").isEqualTo(ToolState.PRODUCTIVE);
        assertThat(simulation.idleCountsConsistent()).isTrue();
    }

    @Test
    void aReportForALaterTimeAppliesWhenTheRunGetsThere() {
        FabSimulation simulation = runFor(5, 3);
        int tool = simulation.firstToolOf(ETCHER_GROUP);

        simulation.report(tool, ToolReport.DOWN, simulation.now() + HOUR);

        assertThat(simulation.overridden(tool)).isFalse();
        simulation.runUntil(simulation.now() + 2 * HOUR);
        assertThat(simulation.overridden(tool)).isTrue();
        assertThat(simulation.toolState(tool)).isEqualTo(ToolState.UNSCHEDULED_DOWN);
    }

    @Test
    void anUpReportEndsASimulatedBreakdownEarly() {
        FabSimulation simulation = runFor(1, 4);
        int broken = -1;
        for (int hour = 0; hour < 2_000 && broken < 0; hour++) {
            simulation.runUntil(simulation.now() + HOUR);
            for (int t = simulation.firstToolOf(ETCHER_GROUP); t < simulation.firstToolOf(ETCHER_GROUP + 1); t++) {
                if (simulation.toolState(t) == ToolState.UNSCHEDULED_DOWN) {
                    broken = t;
                }
            }
        }
        assertThat(broken).as("an etcher breaks down within the run").isNotNegative();

        simulation.report(broken, ToolReport.UP, simulation.now());

        assertThat(simulation.toolState(broken)).isIn(ToolState.STANDBY, ToolState.PRODUCTIVE);
        assertThat(simulation.overridden(broken)).isFalse();
        assertThat(simulation.idleCountsConsistent()).isTrue();
        // the breakdown's own end, still in the calendar, must not free the tool a second time
        simulation.runUntil(simulation.now() + 5 * DAY);
        assertThat(simulation.idleCountsConsistent()).isTrue();
        assertThat(simulation.conserved()).isTrue();
    }

    @Test
    void aReportForANonExistentToolIsRefusedAndChangesNothing() {
        FabSimulation simulation = runFor(2, 5);
        int pending = simulation.pendingEvents();

        assertThatThrownBy(() -> simulation.report(simulation.toolCount(), ToolReport.DOWN, simulation.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> simulation.report(-1, ToolReport.UP, simulation.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> simulation.report(0, ToolReport.DOWN, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(simulation.pendingEvents()).isEqualTo(pending);
        for (int t = 0; t < simulation.toolCount(); t++) {
            assertThat(simulation.overridden(t)).isFalse();
        }
    }

    /**
     * Property: whatever reports arrive for whichever tools, with power caps among them, wafers
     * stay conserved, each group's free-tool count matches its standby tools, the draw stays
     * within the cap; once every tool is reported up the line runs on; and a run restored from its
     * snapshot with overrides in it continues exactly as the original.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void reportsKeepTheBookkeepingWhateverTheirOrder(long seed) throws Exception {
        FabSimulation simulation = new FabSimulation(TestFabs.small(), 0.02, seed);
        RandomStream random = new RandomStream(seed * 17);
        ToolReport[] kinds = ToolReport.values();
        for (int step = 0; step < 300; step++) {
            simulation.runUntil(simulation.now() + random.nextDouble() * 6 * HOUR);
            int tool = (int) (random.nextDouble() * simulation.toolCount());
            ToolReport kind = kinds[(int) (random.nextDouble() * kinds.length)];
            simulation.report(tool, kind, simulation.now() + (random.nextDouble() - 0.3) * 3 * HOUR);
            if (random.nextDouble() < 0.1) {
                simulation.setPowerCap(
                        random.nextDouble() < 0.3
                                ? Double.POSITIVE_INFINITY
                                : simulation.floorWatts()
                                        + random.nextDouble() * (simulation.peakWatts() - simulation.floorWatts()));
            }
            assertThat(simulation.conserved())
                    .as("seed %d step %d: started = out + scrapped + in process", seed, step)
                    .isTrue();
            assertThat(simulation.idleCountsConsistent())
                    .as("seed %d step %d: free tools = standby tools", seed, step)
                    .isTrue();
            assertThat(simulation.drawWatts())
                    .as("seed %d step %d: draw within the cap", seed, step)
                    .isLessThanOrEqualTo(simulation.powerCapWatts());
        }

        ObjectMapper json = new ObjectMapper();
        FabSimulation restored = new FabSimulation(TestFabs.small(), 0.02, seed);
        restored.restore(json.readValue(json.writeValueAsString(simulation.state()), SimulationState.class));
        List<FinishedLot> original = new ArrayList<>();
        List<FinishedLot> fromSnapshot = new ArrayList<>();
        simulation.onFinished(original::add);
        restored.onFinished(fromSnapshot::add);
        for (FabSimulation run : List.of(simulation, restored)) {
            run.setPowerCap(Double.POSITIVE_INFINITY);
            run.runUntil(run.now() + 3 * HOUR); // reports still due land first
            for (int t = 0; t < run.toolCount(); t++) {
                run.report(t, ToolReport.UP, run.now());
            }
            run.runUntil(run.now() + 30 * DAY);
        }
        assertThat(original)
                .as("seed %d: lots come out once every tool is up", seed)
                .isNotEmpty();
        assertThat(fromSnapshot)
                .as("seed %d: the restored run continues as the original", seed)
                .isEqualTo(original);
        assertThat(simulation.idleCountsConsistent()).as("seed %d", seed).isTrue();
        assertThat(simulation.conserved()).as("seed %d", seed).isTrue();
    }

    private static int busyTool(FabSimulation simulation) {
        for (int t = 0; t < simulation.toolCount(); t++) {
            if (simulation.toolState(t) == ToolState.PRODUCTIVE) {
                return t;
            }
        }
        throw new AssertionError("no tool is processing");
    }
}
