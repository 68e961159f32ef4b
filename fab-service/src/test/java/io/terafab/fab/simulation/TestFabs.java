package io.terafab.fab.simulation;

import io.terafab.fab.definition.DispatchRule;
import io.terafab.fab.definition.Downtime;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.LotPriority;
import io.terafab.fab.definition.LotRelease;
import io.terafab.fab.definition.ProcessingBasis;
import io.terafab.fab.definition.Product;
import io.terafab.fab.definition.RouteStep;
import io.terafab.fab.definition.ToolGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small fabs for the engine's tests: every feature of the model, a few tools, loaded to about 80 %. */
final class TestFabs {

    private TestFabs() {}

    /**
     * Three groups (a 1 MW scanner group with reticle setups, a batching furnace, an etcher with
     * breakdowns and a wafer-counted PM), a 12-step re-entrant route with sampling and rework,
     * regular and hot releases.
     */
    static FabDefinition small() {
        List<ToolGroup> groups = List.of(
                new ToolGroup("scanner", "litho", 3, DispatchRule.HOT_LOT_FIRST, 60, 60, 200_000, 1_000_000),
                new ToolGroup("furnace", "diffusion", 2, DispatchRule.HOT_LOT_FIRST, 60, 60, 50_000, 150_000),
                new ToolGroup("etcher", "etch", 4, DispatchRule.FIFO, 30, 30, 20_000, 100_000));
        List<RouteStep> route = new ArrayList<>();
        for (int layer = 0; layer < 4; layer++) {
            route.add(new RouteStep(
                    "expose-" + layer,
                    0,
                    Distribution.uniform(90, 5),
                    ProcessingBasis.PER_WAFER,
                    0,
                    0,
                    0,
                    "reticle-" + layer,
                    600,
                    1,
                    layer == 2 ? 0.05 : 0,
                    layer == 2 ? route.size() : -1));
            route.add(new RouteStep(
                    "anneal-" + layer,
                    1,
                    Distribution.uniform(4 * 3_600, 600),
                    ProcessingBasis.PER_BATCH,
                    25,
                    100,
                    0,
                    null,
                    0,
                    1,
                    0,
                    -1));
            route.add(new RouteStep(
                    "etch-" + layer,
                    2,
                    Distribution.exponential(3_600),
                    ProcessingBasis.PER_LOT,
                    0,
                    0,
                    0,
                    null,
                    0,
                    layer == 3 ? 0.5 : 1,
                    0,
                    -1));
        }
        return new FabDefinition(
                "small",
                groups,
                List.of(new Product("chip", route)),
                List.of(
                        new LotRelease(
                                "lot", 0, LotPriority.REGULAR, 25, 0, Distribution.exponential(3 * 3_600), 100_000),
                        new LotRelease(
                                "hot", 0, LotPriority.HOT, 25, 1_800, Distribution.exponential(24 * 3_600), 10_000)),
                List.of(),
                List.of(
                        new Downtime(
                                "etch-breakdowns",
                                false,
                                List.of(2),
                                Distribution.exponential(5 * 86_400),
                                Distribution.exponential(5 * 86_400),
                                0,
                                0,
                                Distribution.exponential(4 * 3_600)),
                        new Downtime(
                                "scanner-pm",
                                true,
                                List.of(0),
                                null,
                                null,
                                2_000,
                                5_000,
                                Distribution.uniform(6 * 3_600, 3_600))),
                Map.of(),
                Distribution.uniform(600, 300),
                5_000_000);
    }
}
