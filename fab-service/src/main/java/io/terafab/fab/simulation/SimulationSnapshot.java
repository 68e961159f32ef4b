package io.terafab.fab.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The mapping between a running {@link FabSimulation} and its {@link SimulationState}, both ways:
 * every array and list is copied, so a state shares nothing with the run it came from or goes to.
 */
final class SimulationSnapshot {

    /** A tool's report override as stored: -1 none, else the forced state's ordinal, plus 16 when it paused a job. */
    private static final int NO_OVERRIDE = -1;

    private static final int OVERRIDE_PAUSED_JOB = 16;

    private SimulationSnapshot() {}

    static SimulationState of(FabSimulation sim) {
        List<SimulationState.LotState> lotStates = new ArrayList<>(sim.lots.size());
        for (Lot l : sim.lots) {
            lotStates.add(new SimulationState.LotState(
                    l.name,
                    l.product,
                    l.priority,
                    l.wafers,
                    l.startedAt,
                    l.initial,
                    l.step,
                    l.token,
                    l.tool,
                    l.inQueue,
                    l.queuedAt,
                    l.doneAt,
                    l.heldRemaining,
                    l.reworks,
                    l.done));
        }
        ToolTable tools = sim.tools;
        int count = tools.state.length;
        int[] states = new int[count];
        int[][] inTool = new int[count][];
        int[][] pending = new int[count][];
        long[][] nextMaintenance = new long[count][];
        double[][] secondsInState = new double[count][];
        int[] overrides = new int[count];
        for (int t = 0; t < count; t++) {
            states[t] = tools.state[t].ordinal();
            inTool[t] = tools.lots[t].toArray();
            pending[t] = tools.pendingDowntimes[t].toArray();
            nextMaintenance[t] = tools.nextMaintenanceAtWafers[t].clone();
            secondsInState[t] = tools.secondsInState[t].clone();
            overrides[t] = tools.reportedState[t] == null
                    ? NO_OVERRIDE
                    : tools.reportedState[t].ordinal() | (tools.reportPausedJob[t] ? OVERRIDE_PAUSED_JOB : 0);
        }
        IntList[][] queues = sim.queues;
        int[][][] queueState = new int[queues.length][][];
        for (int g = 0; g < queues.length; g++) {
            queueState[g] = new int[queues[g].length][];
            for (int p = 0; p < queues[g].length; p++) {
                queueState[g][p] = queues[g][p].toArray();
            }
        }
        long[] randomStates = new long[sim.randomStreams.length];
        for (int i = 0; i < randomStates.length; i++) {
            randomStates[i] = sim.randomStreams[i].state();
        }
        PowerShedding power = sim.power;
        return new SimulationState(
                sim.calendar.state(),
                randomStates,
                states,
                tools.setup.clone(),
                tools.token.clone(),
                tools.freeAt.clone(),
                tools.heldRemaining.clone(),
                tools.wafers.clone(),
                inTool,
                pending,
                nextMaintenance,
                tools.stateSince.clone(),
                secondsInState,
                tools.idle.clone(),
                queueState,
                lotStates,
                sim.lotFlow.freeLots.toArray(),
                sim.lotFlow.released.clone(),
                power.busyExtraWatts,
                power.heldExtraWatts,
                power.capWatts == Double.POSITIVE_INFINITY ? null : power.capWatts,
                power.heldTools.toArray(),
                power.startsBlockedByPower,
                sim.totals.state(),
                overrides,
                tools.activeDowntime.clone(),
                tools.downtimeEpoch.clone());
    }

    /** Checks first, so a state that does not fit is refused and the run is left as it was. */
    static void restore(FabSimulation sim, SimulationState s) {
        ToolTable tools = sim.tools;
        int count = tools.state.length;
        if (s.toolStates().length != count
                || s.queues().length != sim.queues.length
                || s.released().length != sim.lotFlow.released.length) {
            throw new IllegalArgumentException("snapshot is of another fab: " + s.toolStates().length + " tools, "
                    + s.queues().length + " groups; this fab has " + count + " tools, " + sim.queues.length
                    + " groups");
        }
        long inProcess = s.lots().stream()
                .filter(l -> !l.done())
                .mapToLong(SimulationState.LotState::wafers)
                .sum();
        FabTotals.requireConserved(s.totals(), inProcess);
        sim.calendar.restore(s.calendar());
        for (int i = 0; i < sim.randomStreams.length; i++) {
            sim.randomStreams[i].restore(s.randomStates()[i]);
        }
        for (int t = 0; t < count; t++) {
            tools.state[t] = ToolState.values()[s.toolStates()[t]];
            refill(tools.lots[t], s.toolLots()[t]);
            refill(tools.pendingDowntimes[t], s.toolPendingDowntimes()[t]);
            tools.nextMaintenanceAtWafers[t] = s.toolNextMaintenanceAtWafers()[t].clone();
            tools.secondsInState[t] = s.toolSecondsInState()[t].clone();
        }
        System.arraycopy(s.toolSetups(), 0, tools.setup, 0, count);
        System.arraycopy(s.toolTokens(), 0, tools.token, 0, count);
        System.arraycopy(s.toolFreeAt(), 0, tools.freeAt, 0, count);
        System.arraycopy(s.toolHeldRemaining(), 0, tools.heldRemaining, 0, count);
        System.arraycopy(s.toolWafers(), 0, tools.wafers, 0, count);
        System.arraycopy(s.toolStateSince(), 0, tools.stateSince, 0, count);
        System.arraycopy(s.idleTools(), 0, tools.idle, 0, tools.idle.length);
        // snapshots from before tool telemetry have no overrides, no known downtimes, epoch 0
        int[] overrides = new int[count];
        restoreOrFill(s.toolOverrides(), overrides, NO_OVERRIDE);
        for (int t = 0; t < count; t++) {
            tools.reportedState[t] =
                    overrides[t] == NO_OVERRIDE ? null : ToolState.values()[overrides[t] & ~OVERRIDE_PAUSED_JOB];
            tools.reportPausedJob[t] = overrides[t] != NO_OVERRIDE && (overrides[t] & OVERRIDE_PAUSED_JOB) != 0;
        }
        restoreOrFill(s.toolActiveDowntimes(), tools.activeDowntime, -1);
        restoreOrFill(s.toolDowntimeEpochs(), tools.downtimeEpoch, 0);
        for (int g = 0; g < sim.queues.length; g++) {
            for (int p = 0; p < sim.queues[g].length; p++) {
                refill(sim.queues[g][p], s.queues()[g][p]);
            }
        }
        sim.lots.clear();
        for (SimulationState.LotState l : s.lots()) {
            Lot lot = new Lot(l.name(), l.product(), l.priority(), l.wafers(), l.startedAt(), l.initial());
            lot.step = l.step();
            lot.token = l.token();
            lot.tool = l.tool();
            lot.inQueue = l.inQueue();
            lot.queuedAt = l.queuedAt();
            lot.doneAt = l.doneAt();
            lot.heldRemaining = l.heldRemaining();
            lot.reworks = l.reworks();
            lot.done = l.done();
            sim.lots.add(lot);
        }
        refill(sim.lotFlow.freeLots, s.freeLots());
        System.arraycopy(s.released(), 0, sim.lotFlow.released, 0, sim.lotFlow.released.length);
        PowerShedding power = sim.power;
        power.busyExtraWatts = s.busyExtraWatts();
        power.heldExtraWatts = s.heldExtraWatts();
        power.capWatts = s.capWatts() == null ? Double.POSITIVE_INFINITY : s.capWatts();
        refill(power.heldTools, s.heldTools());
        power.startsBlockedByPower = s.startsBlockedByPower();
        sim.totals.restore(s.totals());
        Arrays.fill(power.lotsInProcessByPriority, 0);
        for (Lot lot : sim.lots) {
            if (!lot.finished()) {
                power.lotStarted(lot.priority.ordinal());
            }
        }
    }

    private static void refill(IntList list, int[] values) {
        list.clear();
        for (int v : values) {
            list.add(v);
        }
    }

    private static void restoreOrFill(int[] saved, int[] target, int missing) {
        if (saved != null && saved.length == target.length) {
            System.arraycopy(saved, 0, target, 0, target.length);
        } else {
            Arrays.fill(target, missing);
        }
    }
}
