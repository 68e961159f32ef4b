package io.terafab.fab.simulation;

import io.terafab.fab.definition.DispatchRule;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.RouteStep;
import io.terafab.fab.definition.ToolGroup;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The static structure of a {@link FabDefinition}, precomputed for the hot path: which group
 * each tool is in, the setup each route step needs and the setup times between them, and the
 * loads that do not change while the fab runs.
 */
final class FabLayout {

    static final int NO_SETUP = -1;

    final int toolCount;
    final int[] groupOfTool;
    final int[] firstToolOfGroup; // one more than the groups: the end of the last
    final boolean[] fifo; // groups dispatching first come first served, in one queue
    final double[] productiveWatts; // per group: what one of its tools adds while processing
    final boolean[] groupUsesSetups;
    final int[][] setupOfStep; // [product][step] → setup id or NO_SETUP
    /** Facility plus every tool idle, watts: the floor a power cap cannot shed. */
    final double baseWatts;
    /** The largest productive load of one tool, watts: the power reserve kept per urgent class. */
    final double heaviestJobWatts;

    private final Map<String, Integer> setupIds = new HashMap<>();
    private final double[][] setupMatrix; // [from + 1][to] seconds; row 0 is "from any"

    FabLayout(FabDefinition fab) {
        List<ToolGroup> groups = fab.toolGroups();
        toolCount = fab.totalTools();
        groupOfTool = new int[toolCount];
        firstToolOfGroup = new int[groups.size() + 1];
        fifo = new boolean[groups.size()];
        productiveWatts = new double[groups.size()];
        double base = fab.facilityWatts();
        double heaviest = 0;
        for (int g = 0, t = 0; g < groups.size(); g++) {
            ToolGroup group = groups.get(g);
            firstToolOfGroup[g] = t;
            for (int k = 0; k < group.tools(); k++, t++) {
                groupOfTool[t] = g;
                base += group.idleWatts();
            }
            fifo[g] = group.rule() == DispatchRule.FIFO;
            productiveWatts[g] = group.productiveWatts();
            heaviest = Math.max(heaviest, group.productiveWatts());
        }
        firstToolOfGroup[groups.size()] = toolCount;
        baseWatts = base;
        heaviestJobWatts = heaviest;

        groupUsesSetups = new boolean[groups.size()];
        setupOfStep = new int[fab.products().size()][];
        for (int p = 0; p < fab.products().size(); p++) {
            List<RouteStep> route = fab.products().get(p).route();
            setupOfStep[p] = new int[route.size()];
            for (int s = 0; s < route.size(); s++) {
                String setup = route.get(s).setup();
                setupOfStep[p][s] = setup == null ? NO_SETUP : setupId(setup);
                if (setup != null) {
                    groupUsesSetups[route.get(s).toolGroup()] = true;
                }
            }
        }
        for (String key : fab.setupSeconds().keySet()) {
            String[] fromTo = key.split("->", 2);
            if (!"*".equals(fromTo[0])) {
                setupId(fromTo[0]);
            }
            setupId(fromTo[1]);
        }
        setupMatrix = new double[setupIds.size() + 1][setupIds.size()];
        for (double[] row : setupMatrix) {
            Arrays.fill(row, Double.NaN);
        }
        fab.setupSeconds().forEach((key, seconds) -> {
            String[] fromTo = key.split("->", 2);
            int from = "*".equals(fromTo[0]) ? 0 : setupIds.get(fromTo[0]) + 1;
            setupMatrix[from][setupIds.get(fromTo[1])] = seconds;
        });
    }

    private int setupId(String setup) {
        return setupIds.computeIfAbsent(setup, s -> setupIds.size());
    }

    int groupCount() {
        return fifo.length;
    }

    /** What tool {@code t} adds to the draw while productive, watts. */
    double productiveWattsOfTool(int t) {
        return productiveWatts[groupOfTool[t]];
    }

    /** Seconds to change a tool from setup {@code from} (or none) to {@code to}: specific, else from any, else 0. */
    double setupSeconds(int from, int to) {
        double specific = from == NO_SETUP ? Double.NaN : setupMatrix[from + 1][to];
        if (!Double.isNaN(specific)) {
            return specific;
        }
        double any = setupMatrix[0][to];
        return Double.isNaN(any) ? 0 : any;
    }
}
