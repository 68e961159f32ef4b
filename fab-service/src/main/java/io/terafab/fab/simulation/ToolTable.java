package io.terafab.fab.simulation;

import java.util.Arrays;

/**
 * Every tool's state in a run, one array per attribute indexed by tool number (so the hot path
 * allocates nothing), plus the count of free tools per group. {@link FabSimulation} changes it;
 * {@link PowerShedding} reads it to choose whom to pause.
 */
final class ToolTable {

    final ToolState[] state;
    final int[] setup;
    final int[] token; // bumped when a job is paused: its pending end goes stale
    final double[] freeAt;
    final double[] heldRemaining;
    final long[] wafers;
    final IntList[] lots;
    final IntList[] pendingDowntimes;
    final long[][] nextMaintenanceAtWafers; // [tool][downtime], for wafer-counted maintenance
    final double[] stateSince;
    final double[][] secondsInState; // [tool][state]
    /** The state the tool's own report holds it in, or {@code null} when the simulation decides. */
    final ToolState[] reportedState;
    /** Whether that report stopped a running (or power-held) job, to be resumed at the tool's UP. */
    final boolean[] reportPausedJob;

    final int[] activeDowntime; // the simulated downtime in progress, or -1
    final int[] downtimeEpoch; // bumped when a report ends a downtime early: its end event is stale
    final int[] idle; // per group: tools in standby
    private final FabLayout layout;

    ToolTable(FabLayout layout, int downtimes, int[] toolsPerGroup) {
        this.layout = layout;
        int tools = layout.toolCount;
        state = new ToolState[tools];
        Arrays.fill(state, ToolState.STANDBY);
        setup = new int[tools];
        Arrays.fill(setup, FabLayout.NO_SETUP);
        token = new int[tools];
        freeAt = new double[tools];
        heldRemaining = new double[tools];
        wafers = new long[tools];
        lots = new IntList[tools];
        pendingDowntimes = new IntList[tools];
        nextMaintenanceAtWafers = new long[tools][downtimes];
        stateSince = new double[tools];
        secondsInState = new double[tools][ToolState.values().length];
        reportedState = new ToolState[tools];
        reportPausedJob = new boolean[tools];
        activeDowntime = new int[tools];
        Arrays.fill(activeDowntime, -1);
        downtimeEpoch = new int[tools];
        for (int t = 0; t < tools; t++) {
            lots[t] = new IntList(4);
            Arrays.fill(nextMaintenanceAtWafers[t], Long.MAX_VALUE); // none until a downtime counts wafers
            pendingDowntimes[t] = new IntList(2);
        }
        idle = toolsPerGroup.clone();
    }

    void setState(int t, ToolState next, double now) {
        secondsInState[t][state[t].ordinal()] += now - stateSince[t];
        stateSince[t] = now;
        state[t] = next;
    }

    boolean overridden(int t) {
        return reportedState[t] != null;
    }

    /** Tools per state, for one group. */
    int[] statesOf(int group) {
        int[] counts = new int[ToolState.values().length];
        for (int t = layout.firstToolOfGroup[group]; t < layout.firstToolOfGroup[group + 1]; t++) {
            counts[state[t].ordinal()]++;
        }
        return counts;
    }

    /** Share of the group's tool time spent productive up to {@code now} (0 at the origin). */
    double utilization(int group, double now) {
        double productive = 0;
        double total = 0;
        for (int t = layout.firstToolOfGroup[group]; t < layout.firstToolOfGroup[group + 1]; t++) {
            for (ToolState s : ToolState.values()) {
                double seconds = secondsInState[t][s.ordinal()] + (state[t] == s ? now - stateSince[t] : 0);
                total += seconds;
                if (s == ToolState.PRODUCTIVE) {
                    productive += seconds;
                }
            }
        }
        return total > 0 ? productive / total : 0;
    }

    /** Each group's count of free tools is its number of tools in standby. */
    boolean idleCountsConsistent() {
        for (int g = 0; g < idle.length; g++) {
            if (idle[g] != statesOf(g)[ToolState.STANDBY.ordinal()]) {
                return false;
            }
        }
        return true;
    }
}
