package io.terafab.fab.simulation;

import io.terafab.fab.definition.LotPriority;
import io.terafab.fab.definition.ToolGroup;
import java.util.List;

/**
 * The power cap of a {@link FabSimulation} and its load-shedding policy (see
 * {@link FabSimulation#setPowerCap(double)}): which starts the cap holds, which running jobs it
 * pauses and which it resumes, and the watts the fab draws and would draw. It decides; the
 * simulation pauses, resumes and dispatches.
 */
final class PowerShedding {

    private static final int PRIORITIES = LotPriority.values().length;

    private final FabSimulation simulation;
    private final FabLayout layout;
    private final ToolTable tools;
    private final IntList[][] queues;
    private final List<Lot> lots;
    private final List<ToolGroup> groups;
    final long[] lotsInProcessByPriority = new long[PRIORITIES];
    final IntList heldTools = new IntList();
    double busyExtraWatts;
    double heldExtraWatts;
    double capWatts = Double.POSITIVE_INFINITY;
    boolean startsBlockedByPower;

    PowerShedding(FabSimulation simulation, FabLayout layout, ToolTable tools, IntList[][] queues, List<Lot> lots) {
        this.simulation = simulation;
        this.layout = layout;
        this.tools = tools;
        this.queues = queues;
        this.lots = lots;
        this.groups = simulation.definition().toolGroups();
    }

    void setCap(double watts) {
        capWatts = watts;
        int[] urgency = blockedUrgency();
        while (layout.baseWatts + busyExtraWatts > capWatts) {
            int victim = nextToPause(PRIORITIES, urgency);
            if (victim < 0) {
                break;
            }
            hold(victim);
        }
        useHeadroom();
    }

    // ---- what the simulation tells the policy

    void lotStarted(int priority) {
        lotsInProcessByPriority[priority]++;
    }

    /** A lot left the line; true when it was the last of its priority (its class's reserve is free). */
    boolean lotFinished(int priority) {
        return --lotsInProcessByPriority[priority] == 0;
    }

    void jobStarted(int t) {
        busyExtraWatts += layout.productiveWattsOfTool(t);
    }

    void jobEnded(int t) {
        busyExtraWatts -= layout.productiveWattsOfTool(t);
    }

    /** A tool's report stopped its running job (the simulation paused it). */
    void runningJobStoppedByReport(int t) {
        busyExtraWatts -= layout.productiveWattsOfTool(t);
    }

    /** A tool's report stopped a job the cap held already. */
    void heldJobStoppedByReport(int t) {
        heldTools.removeValue(t);
        heldExtraWatts -= layout.productiveWattsOfTool(t);
    }

    /** A tool back up after a report puts its stopped job among the held ones, to resume as the cap allows. */
    void holdAfterReport(int t) {
        heldExtraWatts += layout.productiveWattsOfTool(t);
        heldTools.add(t);
    }

    boolean holdsJobs() {
        return !heldTools.isEmpty();
    }

    // ---- the policy

    /**
     * Whether a job of lots of {@code priority} adding {@code extra} watts may start (or resume): it
     * fits with the reserve its priority leaves, or room was made by pausing less urgent jobs.
     */
    boolean admit(double extra, int priority) {
        if (makeRoom(extra + reserveFor(priority), priority)) {
            return true;
        }
        startsBlockedByPower = true;
        return false;
    }

    /**
     * What a job of lots of {@code priority} must leave under the cap: one heaviest job's load for
     * each more urgent class with lots in the line, so that those lots find room when they come.
     */
    private double reserveFor(int priority) {
        if (capWatts == Double.POSITIVE_INFINITY) {
            return 0;
        }
        int urgentClasses = 0;
        for (int p = priority + 1; p < PRIORITIES; p++) {
            if (lotsInProcessByPriority[p] > 0) {
                urgentClasses++;
            }
        }
        return urgentClasses * layout.heaviestJobWatts;
    }

    /**
     * Pauses running jobs of lots less urgent than {@code priority}, the least urgent and heaviest
     * first, until {@code watts} more fit under the cap; true at once when they fit already, and
     * false, pausing none, when pausing them all would not be enough.
     */
    private boolean makeRoom(double watts, int priority) {
        double over = layout.baseWatts + busyExtraWatts + watts - capWatts;
        if (over <= 0) {
            return true;
        }
        if (priority == 0) {
            return false;
        }
        int[] urgency = blockedUrgency();
        if (productiveWattsBelow(priority, urgency) < over) {
            return false;
        }
        while (layout.baseWatts + busyExtraWatts + watts > capWatts) {
            int victim = nextToPause(priority, urgency);
            if (victim < 0) {
                return false; // only floating-point rounding gets here: the draw is still within the cap
            }
            hold(victim);
        }
        return true;
    }

    /** Productive load of the running jobs less urgent than {@code priority}, watts. */
    private double productiveWattsBelow(int priority, int[] urgency) {
        double watts = 0;
        for (int t = 0; t < layout.toolCount; t++) {
            if (tools.state[t] == ToolState.PRODUCTIVE && effectivePriority(t, urgency) < priority) {
                watts += layout.productiveWattsOfTool(t);
            }
        }
        return watts;
    }

    /** The running job to pause next among those less urgent than {@code priority}, or -1. */
    private int nextToPause(int priority, int[] urgency) {
        int victim = -1;
        int victimPriority = priority;
        double victimExtra = 0;
        for (int t = 0; t < layout.toolCount; t++) {
            if (tools.state[t] != ToolState.PRODUCTIVE) {
                continue;
            }
            int p = effectivePriority(t, urgency);
            double extra = layout.productiveWattsOfTool(t);
            if (p < victimPriority || (p == victimPriority && extra > victimExtra)) {
                victim = t;
                victimPriority = p;
                victimExtra = extra;
            }
        }
        return victim;
    }

    /**
     * The priority a job on tool {@code t} is paused and resumed by: its own, or that of a more
     * urgent lot waiting at its group for want of a free tool (the job stands in that lot's way,
     * so it inherits its urgency).
     */
    private int effectivePriority(int t, int[] urgency) {
        return Math.max(jobPriority(t), urgency[layout.groupOfTool[t]]);
    }

    /** Per group, the priority of its most urgent waiting lot when none of its tools is free, else -1. */
    private int[] blockedUrgency() {
        int[] urgency = new int[queues.length];
        for (int g = 0; g < queues.length; g++) {
            urgency[g] = tools.idle[g] > 0 ? -1 : mostUrgentWaiting(g);
        }
        return urgency;
    }

    /** The priority of the most urgent lot waiting at group {@code g}, or -1 when none waits. */
    private int mostUrgentWaiting(int g) {
        IntList[] q = queues[g];
        if (!layout.fifo[g]) {
            for (int p = PRIORITIES - 1; p >= 0; p--) {
                if (!q[p].isEmpty()) {
                    return p; // each priority has its own queue
                }
            }
            return -1;
        }
        int urgency = -1;
        for (int p = 0; p < PRIORITIES; p++) {
            for (int i = 0; i < q[p].size(); i++) {
                urgency = Math.max(urgency, lots.get(q[p].get(i)).priority.ordinal());
            }
        }
        return urgency;
    }

    /** The priority of the job on tool {@code t}: its most urgent lot's (0 when the tool holds none). */
    private int jobPriority(int t) {
        IntList inTool = tools.lots[t];
        int priority = 0;
        for (int i = 0; i < inTool.size(); i++) {
            priority = Math.max(priority, lots.get(inTool.get(i)).priority.ordinal());
        }
        return priority;
    }

    private void hold(int t) {
        double extra = layout.productiveWattsOfTool(t);
        simulation.holdForPower(t);
        busyExtraWatts -= extra;
        heldExtraWatts += extra;
        heldTools.add(t);
    }

    private void resume(int t) {
        double extra = layout.productiveWattsOfTool(t);
        simulation.resumeAfterPower(t);
        busyExtraWatts += extra;
        heldExtraWatts -= extra;
    }

    /** Resumes held jobs, the most urgent and heaviest first, while they fit; then retries the starts the cap held. */
    void useHeadroom() {
        if (capWatts == Double.POSITIVE_INFINITY && heldTools.isEmpty() && !startsBlockedByPower) {
            return;
        }
        boolean resumed = true;
        while (resumed && !heldTools.isEmpty()) {
            resumed = false;
            int best = -1;
            int bestPriority = -1;
            double bestExtra = -1;
            double[] productiveBelow = null; // computed once a held job needs room made
            int[] urgency = blockedUrgency();
            for (int i = 0; i < heldTools.size(); i++) {
                int t = heldTools.get(i);
                int priority = effectivePriority(t, urgency);
                double extra = layout.productiveWattsOfTool(t);
                if (priority < bestPriority || (priority == bestPriority && extra <= bestExtra)) {
                    continue;
                }
                double over = layout.baseWatts + busyExtraWatts + extra + reserveFor(priority) - capWatts;
                if (over > 0) {
                    if (priority == 0) {
                        continue;
                    }
                    if (productiveBelow == null) {
                        productiveBelow = new double[PRIORITIES];
                        for (int p = 1; p < PRIORITIES; p++) {
                            productiveBelow[p] = productiveWattsBelow(p, urgency);
                        }
                    }
                    if (productiveBelow[priority] < over) {
                        continue;
                    }
                }
                best = i;
                bestPriority = priority;
                bestExtra = extra;
            }
            if (best >= 0 && makeRoom(bestExtra + reserveFor(bestPriority), bestPriority)) {
                resume(heldTools.removeAt(best));
                resumed = true;
            }
        }
        if (startsBlockedByPower) {
            startsBlockedByPower = false;
            simulation.dispatchAll();
        }
    }

    // ---- watts

    double drawWatts() {
        return layout.baseWatts + busyExtraWatts;
    }

    double demandWatts() {
        return layout.baseWatts + busyExtraWatts + heldExtraWatts + heldStartsWatts();
    }

    /** The productive load of the starts the cap holds back: free tools whose waiting lots do not fit. */
    private double heldStartsWatts() {
        if (capWatts == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double draw = layout.baseWatts + busyExtraWatts;
        double watts = 0;
        for (int g = 0; g < queues.length; g++) {
            int waiting = simulation.queueLength(g);
            if (tools.idle[g] == 0 || waiting == 0) {
                continue;
            }
            double extra = layout.productiveWatts[g];
            if (draw + extra + reserveFor(mostUrgentWaiting(g)) > capWatts) {
                watts += Math.min(tools.idle[g], waiting) * extra;
            }
        }
        return watts;
    }

    double peakWatts() {
        double peak = simulation.definition().facilityWatts();
        for (ToolGroup g : groups) {
            peak += g.tools() * g.busyWatts();
        }
        return peak;
    }
}
