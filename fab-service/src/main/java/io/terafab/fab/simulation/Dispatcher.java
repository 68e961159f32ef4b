package io.terafab.fab.simulation;

import io.terafab.fab.definition.DispatchRule;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.LotPriority;
import io.terafab.fab.definition.ProcessingBasis;
import io.terafab.fab.definition.RouteStep;
import io.terafab.fab.definition.ToolGroup;
import java.util.List;

/**
 * What a free tool of a {@link FabSimulation} starts next, and starting it: per its group's rule,
 * the most urgent lot first (ranked by setup where the group changes setups), or a batch of lots
 * at the same step, as far as the power cap admits ({@link PowerShedding}); then setup, load,
 * processing and unload times, and wafer-counted maintenance falling due. Allocates nothing.
 */
final class Dispatcher {

    private static final int PRIORITIES = LotPriority.values().length;

    /** What an attempt to start a batch came to. */
    private enum BatchStart {
        STARTED,
        NOT_FORMED,
        HELD_BY_POWER
    }

    private final FabSimulation simulation;
    private final FabDefinition fab;
    private final FabLayout layout;
    private final ToolTable tools;
    private final IntList[][] queues;
    private final List<Lot> lots;
    private final PowerShedding power;
    private final RandomStream processingRandom;
    // scratch lists, reused so that starting a job allocates nothing
    private final IntList jobBeingStarted = new IntList(8);
    private final IntList triedBatchKeys = new IntList(4);

    Dispatcher(
            FabSimulation simulation,
            FabLayout layout,
            ToolTable tools,
            IntList[][] queues,
            List<Lot> lots,
            PowerShedding power,
            RandomStream processingRandom) {
        this.simulation = simulation;
        this.fab = simulation.definition();
        this.layout = layout;
        this.tools = tools;
        this.queues = queues;
        this.lots = lots;
        this.power = power;
        this.processingRandom = processingRandom;
    }

    /** Starts jobs on the group's free tools while its queue has lots they can start. */
    void dispatch(int group) {
        if (tools.idle[group] == 0) {
            return;
        }
        int end = layout.firstToolOfGroup[group + 1];
        for (int t = layout.firstToolOfGroup[group]; t < end && tools.idle[group] > 0; t++) {
            if (tools.state[t] == ToolState.STANDBY && !queuesEmpty(group)) {
                if (!startNextJob(t, group)) {
                    return; // nothing this tool can start now, nor can its identical siblings
                }
            }
        }
    }

    private boolean queuesEmpty(int group) {
        IntList[] q = queues[group];
        return q[0].isEmpty() && q[1].isEmpty() && q[2].isEmpty();
    }

    /**
     * Picks and starts the next job on standby tool {@code t}; false when none can start, for want
     * of a lot or of power (see {@link FabSimulation#setPowerCap(double)}).
     */
    private boolean startNextJob(int t, int group) {
        double extra = layout.productiveWatts[group];
        boolean rankBySetup =
                layout.groupUsesSetups[group] && fab.toolGroups().get(group).rule() == DispatchRule.HOT_LOT_FIRST;
        IntList[] q = queues[group];
        triedBatchKeys.clear();
        int heldPriority = -1; // once the cap held a start, only a more urgent lot can start on this tool
        for (int p = PRIORITIES - 1; p >= 0; p--) {
            IntList queue = q[p];
            if (queue.isEmpty()) {
                continue;
            }
            if (rankBySetup) {
                // rank RSETUP: a lot needing the tool's current setup (or none) before one that needs a change
                for (int i = 0; i < queue.size(); i++) {
                    Lot lot = lots.get(queue.get(i));
                    int setup = layout.setupOfStep[lot.product][lot.step];
                    if ((setup == FabLayout.NO_SETUP || setup == tools.setup[t])
                            && !stepOf(lot).batched()
                            && lot.priority.ordinal() > heldPriority) {
                        if (startSingle(t, queue, i, extra)) {
                            return true;
                        }
                        heldPriority = lot.priority.ordinal();
                    }
                }
            }
            for (int i = 0; i < queue.size(); i++) {
                Lot lot = lots.get(queue.get(i));
                if (lot.priority.ordinal() <= heldPriority) {
                    continue;
                }
                RouteStep step = stepOf(lot);
                if (!step.batched()) {
                    if (startSingle(t, queue, i, extra)) {
                        return true;
                    }
                    heldPriority = lot.priority.ordinal();
                    continue;
                }
                int key = lot.product * 100_000 + lot.step;
                if (triedBatchKeys.contains(key)) {
                    continue;
                }
                triedBatchKeys.add(key);
                BatchStart outcome = startBatch(t, group, lot.product, lot.step, step, extra);
                if (outcome == BatchStart.STARTED) {
                    return true;
                }
                if (outcome == BatchStart.HELD_BY_POWER) {
                    heldPriority = lot.priority.ordinal();
                }
            }
        }
        return false;
    }

    /** Starts the lot at {@code index} of the queue on tool {@code t}, if the power cap lets it; false when held. */
    private boolean startSingle(int t, IntList queue, int index, double extra) {
        Lot lot = lots.get(queue.get(index));
        if (!power.admit(extra, lot.priority.ordinal())) {
            return false;
        }
        int handle = queue.removeAt(index);
        IntList job = jobBeingStarted;
        job.clear();
        job.add(handle);
        start(t, job, lot.product, lot.step, lot.wafers);
        return true;
    }

    /**
     * Gathers lots at the same product and step, most urgent first, up to the batch maximum; starts
     * at the minimum, if the power cap lets a batch of its most urgent lot's priority start.
     */
    private BatchStart startBatch(int t, int group, int product, int stepIndex, RouteStep step, double extra) {
        IntList[] q = queues[group];
        int wafers = 0;
        int priority = -1;
        for (int p = PRIORITIES - 1; p >= 0; p--) {
            for (int i = 0; i < q[p].size(); i++) {
                Lot lot = lots.get(q[p].get(i));
                if (lot.product == product && lot.step == stepIndex && wafers + lot.wafers <= step.batchMaxWafers()) {
                    wafers += lot.wafers;
                    priority = Math.max(priority, lot.priority.ordinal());
                }
            }
        }
        if (wafers < Math.max(1, step.batchMinWafers())) {
            return BatchStart.NOT_FORMED;
        }
        if (!power.admit(extra, priority)) {
            return BatchStart.HELD_BY_POWER;
        }
        IntList job = jobBeingStarted;
        job.clear();
        int taken = 0;
        for (int p = PRIORITIES - 1; p >= 0; p--) {
            for (int i = 0; i < q[p].size(); ) {
                Lot lot = lots.get(q[p].get(i));
                if (lot.product == product && lot.step == stepIndex && taken + lot.wafers <= step.batchMaxWafers()) {
                    taken += lot.wafers;
                    job.add(q[p].removeAt(i));
                } else {
                    i++;
                }
            }
        }
        start(t, job, product, stepIndex, taken);
        return BatchStart.STARTED;
    }

    private void start(int t, IntList job, int product, int stepIndex, int wafers) {
        int group = layout.groupOfTool[t];
        ToolGroup spec = fab.toolGroups().get(group);
        RouteStep step = fab.products().get(product).route().get(stepIndex);
        double setup = 0;
        int needed = layout.setupOfStep[product][stepIndex];
        if (needed != FabLayout.NO_SETUP && needed != tools.setup[t]) {
            setup = step.setupSeconds() >= 0 ? step.setupSeconds() : layout.setupSeconds(tools.setup[t], needed);
            tools.setup[t] = needed;
        }
        double p = step.processing().sample(processingRandom);
        double cascade = step.cascadeSeconds();
        double processing;
        double occupancy;
        if (step.basis() == ProcessingBasis.PER_WAFER) {
            processing = cascade > 0 ? p + (wafers - 1) * cascade : p * wafers;
            occupancy = cascade > 0 ? wafers * cascade : processing;
        } else {
            processing = p;
            occupancy = cascade > 0 ? Math.min(cascade, p) : p;
        }
        double begin = simulation.now() + spec.loadSeconds() + setup;
        double done = begin + processing + spec.unloadSeconds();
        double free = cascade > 0 ? begin + occupancy : done;
        for (int i = 0; i < job.size(); i++) {
            int handle = job.get(i);
            Lot lot = lots.get(handle);
            lot.inQueue = false;
            lot.tool = t;
            lot.doneAt = done;
            tools.lots[t].add(handle);
            simulation.calendar.schedule(done, FabSimulation.LOT_DONE, handle, lot.token);
        }
        simulation.setState(t, ToolState.PRODUCTIVE);
        tools.idle[group]--;
        power.jobStarted(t);
        tools.freeAt[t] = free;
        simulation.calendar.schedule(free, FabSimulation.TOOL_FREE, t, tools.token[t]);
        tools.wafers[t] += wafers;
        long[] nextAt = tools.nextMaintenanceAtWafers[t];
        for (int d = 0; d < nextAt.length; d++) {
            if (tools.wafers[t] >= nextAt[d]) {
                nextAt[d] = Long.MAX_VALUE; // rescheduled when this maintenance ends
                tools.pendingDowntimes[t].add(d);
            }
        }
    }

    private RouteStep stepOf(Lot lot) {
        return fab.products().get(lot.product).route().get(lot.step);
    }
}
