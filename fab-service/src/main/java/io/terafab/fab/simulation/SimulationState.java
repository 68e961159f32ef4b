package io.terafab.fab.simulation;

import io.terafab.fab.definition.LotPriority;
import java.util.List;

/**
 * Everything a {@link FabSimulation} needs to resume exactly where it was, as plain data for a
 * snapshot: the pending events, the random streams' states, every tool, queue and lot, and the
 * totals. The definition is not part of it: it comes from configuration at every start, and a
 * state only restores onto the same definition (checked by its tool and group counts). The last
 * three (tool telemetry overrides and downtime bookkeeping) are {@code null} in older snapshots.
 * A tool override is -1 for none, else the forced state's ordinal, plus 16 when it paused a job.
 */
public record SimulationState(
        EventCalendar.State calendar,
        long[] randomStates,
        int[] toolStates,
        int[] toolSetups,
        int[] toolTokens,
        double[] toolFreeAt,
        double[] toolHeldRemaining,
        long[] toolWafers,
        int[][] toolLots,
        int[][] toolPendingDowntimes,
        long[][] toolNextMaintenanceAtWafers,
        double[] toolStateSince,
        double[][] toolSecondsInState,
        int[] idleTools,
        int[][][] queues,
        List<LotState> lots,
        int[] freeLots,
        long[] released,
        double busyExtraWatts,
        double heldExtraWatts,
        Double capWatts,
        int[] heldTools,
        boolean startsBlockedByPower,
        Totals totals,
        int[] toolOverrides,
        int[] toolActiveDowntimes,
        int[] toolDowntimeEpochs) {

    /** The run's totals (see {@link FabTotals}); a snapshot of model version 1 held them as an array in this order. */
    public record Totals(
            long wafersStarted,
            long wafersOut,
            long wafersScrapped,
            long wafersInProcess,
            long lotsInProcess,
            long lotsOut,
            long lotsScrapped,
            long eventsProcessed) {}

    /** One lot slot (finished slots are kept: their handles are reused with a new token). */
    public record LotState(
            String name,
            int product,
            LotPriority priority,
            int wafers,
            double startedAt,
            boolean initial,
            int step,
            int token,
            int tool,
            boolean inQueue,
            double queuedAt,
            double doneAt,
            double heldRemaining,
            int reworks,
            boolean done) {}
}
