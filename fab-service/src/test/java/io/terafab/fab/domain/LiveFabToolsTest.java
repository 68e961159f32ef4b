package io.terafab.fab.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terafab.fab.definition.ToolGroup;
import io.terafab.fab.simulation.ToolReport;
import io.terafab.fab.simulation.ToolState;
import io.terafab.platform.model.ModelRejection;
import io.terafab.platform.model.ModelRejection.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default fab's tools as integrators name them, their reports, and the draw per area. */
class LiveFabToolsTest {

    private static final Instant T0 = LiveFabTest.T0;

    private static LiveFab started() {
        LiveFab fab = new LiveFab(LiveFabTest.FAB, LiveFabTest.YIELD, 0.01, 42);
        fab.start(T0);
        return fab;
    }

    @Test
    void everyToolHasAStableIdOfItsGroupAndNumber() {
        LiveFab fab = started();
        ToolGroup euv = LiveFabTest.FAB.toolGroups().get(0);

        List<FabTool> all = fab.tools(null);
        List<FabTool> ofGroup = fab.tools(euv.name());

        assertThat(all).hasSize(LiveFabTest.FAB.totalTools());
        assertThat(all.stream().map(FabTool::toolId).distinct()).hasSize(all.size());
        assertThat(ofGroup)
                .hasSize(euv.tools())
                .allSatisfy(t -> assertThat(t.group()).isEqualTo(euv.name()));
        assertThat(ofGroup.get(0).toolId()).isEqualTo(euv.name() + ".1");
        assertThat(new LiveFab(LiveFabTest.FAB, LiveFabTest.YIELD, 0.01, 7).tools(null))
                .as("same definition, same ids")
                .extracting(FabTool::toolId)
                .containsExactlyElementsOf(all.stream().map(FabTool::toolId).toList());
        assertThatThrownBy(() -> fab.tools("no-such-group"))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_ENTITY));
    }

    @Test
    void aDownReportHoldsTheNamedToolDownAndAnUpReportRestoresIt() {
        LiveFab fab = started();
        fab.advance(T0.plus(Duration.ofHours(6)));
        String id = fab.tools(null).get(0).toolId();

        fab.reportTool(id, ToolReport.DOWN, T0);
        fab.advance(T0.plus(Duration.ofHours(12)));

        assertThat(fab.tool(id).state()).isEqualTo(ToolState.UNSCHEDULED_DOWN);
        assertThat(fab.tool(id).overridden()).isTrue();

        fab.reportTool(id, ToolReport.UP, fab.now().orElseThrow());

        assertThat(fab.tool(id).state()).isNotIn(ToolState.UNSCHEDULED_DOWN, ToolState.SCHEDULED_DOWN);
        assertThat(fab.tool(id).overridden()).isFalse();
        assertThat(fab.conserved()).isTrue();
    }

    @Test
    void aReportForAnUnknownToolOrBeforeTheStartIsRefusedAndChangesNothing() {
        LiveFab notStarted = new LiveFab(LiveFabTest.FAB, LiveFabTest.YIELD, 0.01, 42);
        String id = notStarted.tools(null).get(0).toolId();
        assertThatThrownBy(() -> notStarted.reportTool(id, ToolReport.DOWN, T0))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID))
                .hasMessageContaining("not started");

        LiveFab fab = started();
        assertThatThrownBy(() -> fab.reportTool("euv-99.1", ToolReport.DOWN, T0))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_ENTITY))
                .hasMessageContaining("euv-99.1");
        assertThatThrownBy(() -> fab.reportTool(null, ToolReport.DOWN, T0))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_ENTITY));
        assertThatThrownBy(() -> fab.reportTool(id, null, T0))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID));
        assertThat(fab.tools(null)).noneMatch(FabTool::overridden);
    }

    @Test
    void telemetryOlderThanTheToolsLatestIsRefusedAsOutOfOrderAndChangesNothing() {
        LiveFab fab = started();
        fab.advance(T0.plus(Duration.ofHours(6)));
        List<FabTool> tools = fab.tools(null);
        String down = tools.get(0).toolId();
        String confirmed = tools.get(1).toolId();
        fab.reportTool(down, ToolReport.DOWN, T0.plus(Duration.ofHours(2)));
        fab.confirmTool(confirmed, T0.plus(Duration.ofHours(2)));
        ToolState confirmedState = fab.tool(confirmed).state();

        assertThatThrownBy(() -> fab.reportTool(down, ToolReport.UP, T0.plus(Duration.ofHours(1))))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(Kind.OUT_OF_ORDER))
                .hasMessageContaining(down);
        assertThatThrownBy(() -> fab.reportTool(confirmed, ToolReport.DOWN, T0.plus(Duration.ofHours(1))))
                .as("a reading within limits is the tool's latest telemetry too")
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(Kind.OUT_OF_ORDER));
        assertThatThrownBy(() -> fab.confirmTool(down, T0.plus(Duration.ofHours(1))))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(Kind.OUT_OF_ORDER));

        assertThat(fab.tool(down).state()).isEqualTo(ToolState.UNSCHEDULED_DOWN);
        assertThat(fab.tool(down).overridden()).isTrue();
        assertThat(fab.tool(confirmed).state()).isEqualTo(confirmedState);
        assertThat(fab.tool(confirmed).overridden()).isFalse();
        fab.reportTool(down, ToolReport.UP, T0.plus(Duration.ofHours(2))); // the same instant is in order
        assertThat(fab.tool(down).overridden()).isFalse();
        fab.reportTool(tools.get(2).toolId(), ToolReport.PM, T0); // another tool has its own order
        assertThat(fab.tool(tools.get(2).toolId()).state()).isEqualTo(ToolState.SCHEDULED_DOWN);
    }

    @Test
    void aRestoredFabKeepsEachToolsLatestTelemetryTime() {
        LiveFab fab = started();
        String id = fab.tools(null).get(0).toolId();
        fab.reportTool(id, ToolReport.DOWN, T0.plus(Duration.ofHours(1)));

        LiveFab restored = new LiveFab(LiveFabTest.FAB, LiveFabTest.YIELD, 0.01, 42);
        restored.restore(fab.state());

        assertThatThrownBy(() -> restored.reportTool(id, ToolReport.UP, T0))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(Kind.OUT_OF_ORDER));
        LiveFabState older = fab.state();
        restored.restore(new LiveFabState(
                older.origin(),
                older.budget(),
                older.cycleTimeSecondsOfLotsOut(),
                older.lotsOutTimed(),
                older.simulation(),
                null));
        restored.reportTool(id, ToolReport.UP, T0); // a snapshot from before telemetry was ordered: no order yet
        assertThat(restored.tool(id).overridden()).isFalse();
    }

    @Test
    void theAreasDrawTheToolsShareOfTheTotalDraw() {
        LiveFab fab = started();
        fab.advance(T0.plus(Duration.ofHours(6)));

        Map<String, Double> byArea = fab.drawByAreaMw();

        double facilityMw = LiveFabTest.FAB.facilityWatts() / 1e6;
        assertThat(byArea)
                .containsKeys("litho", "etch", "metrology")
                .allSatisfy((area, mw) -> assertThat(mw).as(area).isPositive());
        assertThat(byArea.values().stream().mapToDouble(Double::doubleValue).sum() + facilityMw)
                .isCloseTo(fab.power().drawMw(), org.assertj.core.data.Offset.offset(1e-6));
    }
}
