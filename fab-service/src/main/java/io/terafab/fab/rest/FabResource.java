package io.terafab.fab.rest;

import io.terafab.contract.Units;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.ToolGroup;
import io.terafab.fab.domain.FabForecaster;
import io.terafab.fab.domain.FabPower;
import io.terafab.fab.domain.FabTool;
import io.terafab.fab.messaging.FabForecasting;
import io.terafab.fab.simulation.FabSimulation;
import io.terafab.fab.simulation.ToolState;
import io.terafab.fab.twin.FabTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The fab for operators: totals with the conservation check, power against the budget, tool
 * groups, tools (with the ids tool telemetry names them by), lots in process.
 */
@Path("/fab")
@Produces(MediaType.APPLICATION_JSON)
public class FabResource {

    /** More lots than a steady-state fab holds (~1,300 at the defaults) is never needed in one answer. */
    static final int MAX_LOTS = 10_000;

    @Inject
    FabTwin twin;

    @Inject
    FabForecasting forecasting;

    public record FabView(
            String fab,
            String product,
            Instant simTime,
            long wipLots,
            long wafersStarted,
            long wafersOut,
            long wafersScrapped,
            long wafersInProcess,
            boolean conserved,
            long lotsOut,
            long lotsScrapped,
            Double meanCycleTimeDays,
            double powerDemandMw,
            double powerDrawMw,
            Double budgetMw,
            double speedFactor,
            int toolGroups,
            int tools,
            double dieYield,
            int grossDiesPerWafer) {}

    public record ToolGroupView(
            String name,
            String area,
            int tools,
            String rule,
            Map<String, Integer> toolsByState,
            int queuedLots,
            double utilization,
            double idleKw,
            double busyKw) {}

    public record LotView(
            String lotId,
            String product,
            String priority,
            int wafers,
            int step,
            int steps,
            double progress,
            Instant startedAt,
            String status) {}

    @GET
    @Operation(summary = "Fab totals with the conservation check, its power against the budget, and its size")
    public FabView fab() {
        return twin.read(fab -> {
            FabPower power = fab.power();
            FabDefinition definition = fab.definition();
            return new FabView(
                    definition.name(),
                    definition.products().get(0).name(),
                    fab.now().orElse(null),
                    fab.lotsInProcess(),
                    fab.wafersStarted(),
                    fab.wafersOut(),
                    fab.wafersScrapped(),
                    fab.wafersInProcess(),
                    fab.conserved(),
                    fab.lotsOut(),
                    fab.lotsScrapped(),
                    fab.meanCycleTime().map(d -> d.toNanos() / 86_400e9).orElse(null),
                    power.demandMw(),
                    power.drawMw(),
                    power.budgetMw(),
                    power.speedFactor(),
                    definition.toolGroups().size(),
                    definition.totalTools(),
                    fab.yieldSettings().dieYield(),
                    fab.yieldSettings().grossDiesPerWafer());
        });
    }

    @GET
    @Path("/tool-groups")
    @Operation(summary = "Tool groups with their tools per SEMI E10 state, queue and utilization")
    public List<ToolGroupView> toolGroups() {
        return twin.read(fab -> {
            FabSimulation simulation = fab.simulation();
            List<ToolGroupView> views = new ArrayList<>();
            List<ToolGroup> groups = fab.definition().toolGroups();
            for (int g = 0; g < groups.size(); g++) {
                ToolGroup group = groups.get(g);
                int[] states = simulation.toolStates(g);
                Map<String, Integer> byState = new LinkedHashMap<>();
                for (ToolState state : ToolState.values()) {
                    byState.put(state.tag(), states[state.ordinal()]);
                }
                views.add(new ToolGroupView(
                        group.name(),
                        group.area(),
                        group.tools(),
                        group.rule().name(),
                        byState,
                        simulation.queueLength(g),
                        simulation.utilization(g),
                        group.idleWatts() / Units.WATTS_PER_KILOWATT,
                        group.busyWatts() / Units.WATTS_PER_KILOWATT));
            }
            return views;
        });
    }

    public record ToolView(String toolId, String group, String area, String state, boolean overridden) {

        static ToolView of(FabTool tool) {
            return new ToolView(
                    tool.toolId(), tool.group(), tool.area(), tool.state().tag(), tool.overridden());
        }
    }

    @GET
    @Path("/tools")
    @Operation(
            summary = "Tools with their stable ids and SEMI E10 state, all or those of one tool group; "
                    + "overridden: held in that state by the tool's own telemetry")
    public List<ToolView> tools(@QueryParam("group") String group) {
        return twin.read(fab -> fab.tools(group == null || group.isBlank() ? null : group).stream()
                .map(ToolView::of)
                .toList());
    }

    @GET
    @Path("/tools/{toolId}")
    @Operation(summary = "One tool by its id (<group>.<n>)")
    public ToolView tool(@PathParam("toolId") String toolId) {
        return twin.read(fab -> ToolView.of(fab.tool(toolId)));
    }

    @GET
    @Path("/lots")
    @Operation(summary = "Lots in process with their step along the route, most advanced first")
    public List<LotView> lots(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LOTS) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LOTS + ", was " + limit);
        }
        return twin.read(fab -> {
            Instant origin = fab.now()
                    .map(now -> now.minusNanos(Math.round(fab.simulation().now() * 1e9)))
                    .orElse(null);
            return fab.simulation().lots(Integer.MAX_VALUE).stream()
                    .map(l -> new LotView(
                            l.name(),
                            l.product(),
                            l.priority().key(),
                            l.wafers(),
                            l.step() + 1,
                            l.steps(),
                            (double) l.step() / l.steps(),
                            origin == null ? null : origin.plusNanos(Math.round(l.startedAt() * 1e9)),
                            l.status()))
                    .sorted(Comparator.comparingDouble(LotView::progress).reversed())
                    .limit(limit)
                    .toList();
        });
    }

    @GET
    @Path("/forecast")
    @Operation(
            summary = "The fab's supply forecast",
            description = "Wafers out and good dies per SKU for each of the next weeks (fab.forecast.weeks, 13), as"
                    + " P10/P50/P90 over replications of the fab run forward from the live state with different"
                    + " seeds; refreshed every fab.forecast.every (wall time) and published on fab.forecasts."
                    + " 404 until the first forecast has run.")
    public FabForecaster.Forecast forecast() {
        return forecasting
                .latest()
                .orElseThrow(() -> new NotFoundException("no forecast yet: the first runs "
                        + "fab.forecast.initial-delay after start-up, when fab.forecast.enabled"));
    }
}
