package io.terafab.fab.simulation;

import io.terafab.fab.definition.DispatchRule;
import io.terafab.fab.definition.Downtime;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.InitialLot;
import io.terafab.fab.definition.LotPriority;
import io.terafab.fab.definition.LotRelease;
import io.terafab.fab.definition.Product;
import io.terafab.fab.definition.ProcessingBasis;
import io.terafab.fab.definition.RouteStep;
import io.terafab.fab.definition.ToolGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A fab of a {@link FabDefinition} running on an {@link EventCalendar}: lots are released, wait in
 * their tool group's queue, are dispatched (one lot, or a batch of lots at the same step) to a
 * free tool, take setup, load, processing and unload time, may be reworked or skip sampled steps,
 * move to the next step after a transport delay, and leave at the end of the route good or
 * scrapped. Tools break down and go to maintenance on their own calendars, and a power cap holds
 * lot starts and pauses running jobs, the least urgent lots first (see {@link #setPowerCap(double)}).
 *
 * <p>Time is in seconds from the run's origin. The same definition, settings and seed give the
 * same run, event for event, however the run is cut into {@link #runUntil(double)} calls.
 *
 * <p>Invariant: wafers started = out + scrapped + in process, after every event.
 */
public final class FabSimulation {

    // event kinds
    static final int RELEASE = 0;
    static final int ARRIVE = 1;
    static final int LOT_DONE = 2;
    static final int TOOL_FREE = 3;
    static final int DOWNTIME_DUE = 4;
    static final int DOWNTIME_END = 5;
    static final int TOOL_REPORT = 6;

    // a tool's sensor override, as stored: -1 none, else the forced state's ordinal, plus this flag
    // when the override paused a job (resumed at the UP)
    private static final int NO_OVERRIDE = -1;
    private static final int OVERRIDE_PAUSED_JOB = 16;

    // random streams: one per purpose, so adding breakdowns does not change the processing times drawn
    private static final int STREAM_RELEASES = 0;
    private static final int STREAM_PROCESSING = 1;
    private static final int STREAM_ROUTING = 2;
    private static final int STREAM_TRANSPORT = 3;
    private static final int STREAM_DOWNTIME = 4;

    private static final int NO_SETUP = -1;

    // what an attempt to start a batch came to
    private static final int BATCH_STARTED = 1;
    private static final int BATCH_NOT_FORMED = 0;
    private static final int BATCH_HELD_BY_POWER = -1;
    private static final int PRIORITIES = LotPriority.values().length;

    private final FabDefinition fab;
    private final double lineScrapShare;
    private final EventCalendar calendar = new EventCalendar();
    private final RandomStream releaseRandom;
    private final RandomStream processingRandom;
    private final RandomStream routingRandom;
    private final RandomStream transportRandom;
    private final RandomStream downtimeRandom;

    // static structure, precomputed from the definition for the hot path
    private final int[] groupOfTool;
    private final int[] firstToolOfGroup;
    private final boolean[] groupUsesSetups;
    private final int[][] setupOfStep; // [product][step] → setup id or NO_SETUP
    private final Map<String, Integer> setupIds = new HashMap<>();
    private final double[][] setupMatrix; // [from + 1][to] seconds; row 0 is "from any"

    // tools
    private final ToolState[] toolState;
    private final int[] toolSetup;
    private final int[] toolToken;
    private final double[] toolFreeAt;
    private final double[] toolHeldRemaining;
    private final long[] toolWafers;
    private final IntList[] toolLots;
    private final IntList[] toolPendingDowntimes;
    private final long[][] toolNextMaintenanceAtWafers; // [tool][downtime], for wafer-counted maintenance
    private final int[] idleTools;
    private final double[] toolStateSince;
    private final double[][] toolSecondsInState; // [tool][state]
    private final int[] toolOverride; // NO_OVERRIDE or forced state ordinal (+ OVERRIDE_PAUSED_JOB)
    private final int[] toolActiveDowntime; // the simulated downtime in progress, or -1
    private final int[] toolDowntimeEpoch; // bumped when a report ends a downtime early: its end event is stale

    // queues: per group, one list per priority (FIFO groups use only the regular one)
    private final IntList[][] queues;

    // lots, by handle; freed handles are reused
    private final List<Lot> lots = new ArrayList<>();
    private final IntList freeLots = new IntList();

    // scratch lists of the dispatcher, reused so that starting a job allocates nothing
    private final IntList jobBeingStarted = new IntList(8);
    private final IntList triedBatchKeys = new IntList(4);

    // releases
    private final long[] released;

    // power
    private final double baseWatts;
    private final double heaviestJobWatts; // the largest productive load of one tool: the reserve per urgent class
    private final long[] lotsInProcessByPriority = new long[PRIORITIES];
    private double busyExtraWatts;
    private double heldExtraWatts;
    private double capWatts = Double.POSITIVE_INFINITY;
    private final IntList heldTools = new IntList();
    private boolean startsBlockedByPower;

    // totals
    private long wafersStarted;
    private long wafersOut;
    private long wafersScrapped;
    private long wafersInProcess;
    private long lotsInProcess;
    private long lotsOut;
    private long lotsScrapped;
    private long eventsProcessed;
    private Consumer<FinishedLot> onFinished = lot -> { };

    public FabSimulation(FabDefinition fab, double lineScrapShare, long seed) {
        if (!(lineScrapShare >= 0 && lineScrapShare < 1)) {
            throw new IllegalArgumentException("line scrap share must be in [0, 1), was " + lineScrapShare);
        }
        this.fab = fab;
        this.lineScrapShare = lineScrapShare;
        releaseRandom = RandomStream.of(seed, STREAM_RELEASES);
        processingRandom = RandomStream.of(seed, STREAM_PROCESSING);
        routingRandom = RandomStream.of(seed, STREAM_ROUTING);
        transportRandom = RandomStream.of(seed, STREAM_TRANSPORT);
        downtimeRandom = RandomStream.of(seed, STREAM_DOWNTIME);

        List<ToolGroup> groups = fab.toolGroups();
        int toolCount = fab.totalTools();
        groupOfTool = new int[toolCount];
        firstToolOfGroup = new int[groups.size() + 1];
        double base = fab.facilityWatts();
        for (int g = 0, t = 0; g < groups.size(); g++) {
            firstToolOfGroup[g] = t;
            for (int k = 0; k < groups.get(g).tools(); k++, t++) {
                groupOfTool[t] = g;
                base += groups.get(g).idleWatts();
            }
        }
        firstToolOfGroup[groups.size()] = toolCount;
        baseWatts = base;
        double heaviest = 0;
        for (ToolGroup g : groups) {
            heaviest = Math.max(heaviest, g.busyWatts() - g.idleWatts());
        }
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
            java.util.Arrays.fill(row, Double.NaN);
        }
        fab.setupSeconds().forEach((key, seconds) -> {
            String[] fromTo = key.split("->", 2);
            int from = "*".equals(fromTo[0]) ? 0 : setupIds.get(fromTo[0]) + 1;
            setupMatrix[from][setupIds.get(fromTo[1])] = seconds;
        });

        toolState = new ToolState[toolCount];
        java.util.Arrays.fill(toolState, ToolState.STANDBY);
        toolSetup = new int[toolCount];
        java.util.Arrays.fill(toolSetup, NO_SETUP);
        toolToken = new int[toolCount];
        toolFreeAt = new double[toolCount];
        toolHeldRemaining = new double[toolCount];
        toolWafers = new long[toolCount];
        toolLots = new IntList[toolCount];
        toolPendingDowntimes = new IntList[toolCount];
        toolNextMaintenanceAtWafers = new long[toolCount][fab.downtimes().size()];
        toolStateSince = new double[toolCount];
        toolSecondsInState = new double[toolCount][ToolState.values().length];
        toolOverride = new int[toolCount];
        java.util.Arrays.fill(toolOverride, NO_OVERRIDE);
        toolActiveDowntime = new int[toolCount];
        java.util.Arrays.fill(toolActiveDowntime, -1);
        toolDowntimeEpoch = new int[toolCount];
        for (int t = 0; t < toolCount; t++) {
            toolLots[t] = new IntList(4);
            java.util.Arrays.fill(toolNextMaintenanceAtWafers[t], Long.MAX_VALUE); // none until a downtime counts wafers
            toolPendingDowntimes[t] = new IntList(2);
        }
        idleTools = new int[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            idleTools[g] = groups.get(g).tools();
        }
        queues = new IntList[groups.size()][PRIORITIES];
        for (int g = 0; g < groups.size(); g++) {
            for (int p = 0; p < PRIORITIES; p++) {
                queues[g][p] = new IntList(16);
            }
        }
        released = new long[fab.releases().size()];

        for (int r = 0; r < fab.releases().size(); r++) {
            LotRelease release = fab.releases().get(r);
            if (release.count() > 0) {
                calendar.schedule(release.firstAtSeconds(), RELEASE, r, 0);
            }
        }
        for (int d = 0; d < fab.downtimes().size(); d++) {
            Downtime downtime = fab.downtimes().get(d);
            for (int g : downtime.toolGroups()) {
                for (int t = firstToolOfGroup[g]; t < firstToolOfGroup[g + 1]; t++) {
                    if (downtime.betweenWafers() > 0) {
                        toolNextMaintenanceAtWafers[t][d] = downtime.firstAfterWafers();
                    } else {
                        toolNextMaintenanceAtWafers[t][d] = Long.MAX_VALUE;
                        calendar.schedule(downtime.firstAfter().sample(downtimeRandom), DOWNTIME_DUE, t, d);
                    }
                }
            }
        }
        for (InitialLot initial : fab.initialWip()) {
            int lot = newLot(initial.name(), initial.product(), initial.priority(), initial.wafers(),
                    -initial.startedSecondsAgo(), true);
            lots.get(lot).step = initial.step();
            calendar.schedule(0, ARRIVE, lot, lots.get(lot).token);
        }
    }

    private int setupId(String setup) {
        return setupIds.computeIfAbsent(setup, s -> setupIds.size());
    }

    /** Receives every lot that reaches the end of its route, in finishing order. */
    public void onFinished(Consumer<FinishedLot> listener) {
        this.onFinished = listener == null ? lot -> { } : listener;
    }

    /** Runs every event up to and including {@code time}, then sets the fab's time to it. */
    public void runUntil(double time) {
        if (time < calendar.now()) {
            throw new IllegalArgumentException("time " + time + " is before the fab's time " + calendar.now());
        }
        while (calendar.nextTime() <= time) {
            calendar.pop();
            eventsProcessed++;
            handle(calendar.kind(), calendar.subject(), calendar.argument());
        }
        calendar.advanceTo(time);
    }

    private void handle(int kind, int subject, int argument) {
        switch (kind) {
            case RELEASE -> release(subject);
            case ARRIVE -> arrive(subject, argument);
            case LOT_DONE -> lotDone(subject, argument);
            case TOOL_FREE -> toolFree(subject, argument);
            case DOWNTIME_DUE -> downtimeDue(subject, argument);
            case DOWNTIME_END -> downtimeEnd(subject, argument);
            case TOOL_REPORT -> applyReport(subject, ToolReport.values()[argument]);
            default -> throw new IllegalStateException("unknown event kind " + kind);
        }
    }

    // ---- lots

    private void release(int r) {
        LotRelease release = fab.releases().get(r);
        long number = ++released[r];
        int lot = newLot(String.format("%s-%08d", release.name(), number), release.product(), release.priority(), release.wafersPerLot(),
                now(), false);
        arrive(lot, lots.get(lot).token);
        if (number < release.count()) {
            calendar.schedule(now() + release.interval().sample(releaseRandom), RELEASE, r, 0);
        }
    }

    private int newLot(String name, int product, LotPriority priority, int wafers, double startedAt, boolean initial) {
        Lot lot = new Lot(name, product, priority, wafers, startedAt, initial);
        int handle;
        if (freeLots.isEmpty()) {
            handle = lots.size();
            lots.add(lot);
        } else {
            handle = freeLots.removeAt(freeLots.size() - 1);
            lot.token = lots.get(handle).token + 1;
            lots.set(handle, lot);
        }
        wafersStarted += wafers;
        wafersInProcess += wafers;
        lotsInProcess++;
        lotsInProcessByPriority[priority.ordinal()]++;
        return handle;
    }

    private void arrive(int handle, int token) {
        Lot lot = lots.get(handle);
        if (lot.token != token) {
            return;
        }
        lot.queuedAt = now();
        lot.inQueue = true;
        int group = stepOf(lot).toolGroup();
        int queue = fab.toolGroups().get(group).rule() == DispatchRule.FIFO ? 0 : lot.priority.ordinal();
        queues[group][queue].add(handle);
        dispatch(group);
        if (!heldTools.isEmpty() && lot.priority.ordinal() > 0) {
            usePowerHeadroom(); // a held job in its way may now inherit its urgency
        }
    }

    private void lotDone(int handle, int token) {
        Lot lot = lots.get(handle);
        if (lot.token != token) {
            return;
        }
        toolLots[lot.tool].removeValue(handle);
        lot.tool = -1;
        Product product = fab.products().get(lot.product);
        RouteStep step = product.route().get(lot.step);
        int next = lot.step + 1;
        if (step.reworkShare() > 0 && routingRandom.nextDouble() < step.reworkShare()) {
            next = step.reworkToStep();
            lot.reworks++;
        }
        List<RouteStep> route = product.route();
        while (next < route.size() && route.get(next).samplingShare() < 1
                && routingRandom.nextDouble() >= route.get(next).samplingShare()) {
            next++;
        }
        if (next >= route.size()) {
            finish(handle, lot);
            return;
        }
        lot.step = next;
        calendar.schedule(now() + fab.transport().sample(transportRandom), ARRIVE, handle, lot.token);
    }

    private void finish(int handle, Lot lot) {
        boolean scrapped = lineScrapShare > 0 && routingRandom.nextDouble() < lineScrapShare;
        wafersInProcess -= lot.wafers;
        lotsInProcess--;
        boolean lastOfItsClass = --lotsInProcessByPriority[lot.priority.ordinal()] == 0;
        if (scrapped) {
            wafersScrapped += lot.wafers;
            lotsScrapped++;
        } else {
            wafersOut += lot.wafers;
            lotsOut++;
        }
        lot.token++;
        lot.done = true;
        freeLots.add(handle);
        onFinished.accept(new FinishedLot(lot.name, fab.products().get(lot.product).name(), lot.priority, lot.wafers,
                lot.startedAt, now(), scrapped, lot.initial));
        if (lastOfItsClass && lot.priority.ordinal() > 0) {
            usePowerHeadroom(); // the reserve kept for its class is free for the less urgent lots
        }
    }

    private RouteStep stepOf(Lot lot) {
        return fab.products().get(lot.product).route().get(lot.step);
    }

    // ---- dispatching

    private void dispatch(int group) {
        if (idleTools[group] == 0) {
            return;
        }
        for (int t = firstToolOfGroup[group]; t < firstToolOfGroup[group + 1] && idleTools[group] > 0; t++) {
            if (toolState[t] == ToolState.STANDBY && !queuesEmpty(group)) {
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
     * of a lot or of power (see {@link #setPowerCap(double)}).
     */
    private boolean startNextJob(int t, int group) {
        ToolGroup tools = fab.toolGroups().get(group);
        double extra = tools.busyWatts() - tools.idleWatts();
        IntList[] q = queues[group];
        triedBatchKeys.clear();
        int heldPriority = -1; // once the cap held a start, only a more urgent lot can start on this tool
        for (int p = PRIORITIES - 1; p >= 0; p--) {
            IntList queue = q[p];
            if (queue.isEmpty()) {
                continue;
            }
            if (groupUsesSetups[group] && tools.rule() == DispatchRule.HOT_LOT_FIRST) {
                // rank RSETUP: a lot needing the tool's current setup (or none) before one that needs a change
                for (int i = 0; i < queue.size(); i++) {
                    Lot lot = lots.get(queue.get(i));
                    int setup = setupOfStep[lot.product][lot.step];
                    if ((setup == NO_SETUP || setup == toolSetup[t]) && !stepOf(lot).batched()
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
                int outcome = startBatch(t, group, lot.product, lot.step, step, extra);
                if (outcome == BATCH_STARTED) {
                    return true;
                }
                if (outcome == BATCH_HELD_BY_POWER) {
                    heldPriority = lot.priority.ordinal();
                }
            }
        }
        return false;
    }

    /** Starts the lot at {@code index} of the queue on tool {@code t}, if the power cap lets it; false when held. */
    private boolean startSingle(int t, IntList queue, int index, double extra) {
        Lot lot = lots.get(queue.get(index));
        if (!admit(extra, lot.priority.ordinal())) {
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
    private int startBatch(int t, int group, int product, int stepIndex, RouteStep step, double extra) {
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
            return BATCH_NOT_FORMED;
        }
        if (!admit(extra, priority)) {
            return BATCH_HELD_BY_POWER;
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
        return BATCH_STARTED;
    }

    private void start(int t, IntList job, int product, int stepIndex, int wafers) {
        int group = groupOfTool[t];
        ToolGroup tools = fab.toolGroups().get(group);
        RouteStep step = fab.products().get(product).route().get(stepIndex);
        double setup = 0;
        int needed = setupOfStep[product][stepIndex];
        if (needed != NO_SETUP && needed != toolSetup[t]) {
            setup = step.setupSeconds() >= 0 ? step.setupSeconds() : setupSeconds(toolSetup[t], needed);
            toolSetup[t] = needed;
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
        double begin = now() + tools.loadSeconds() + setup;
        double done = begin + processing + tools.unloadSeconds();
        double free = cascade > 0 ? begin + occupancy : done;
        for (int i = 0; i < job.size(); i++) {
            int handle = job.get(i);
            Lot lot = lots.get(handle);
            lot.inQueue = false;
            lot.tool = t;
            lot.doneAt = done;
            toolLots[t].add(handle);
            calendar.schedule(done, LOT_DONE, handle, lot.token);
        }
        setState(t, ToolState.PRODUCTIVE);
        idleTools[group]--;
        busyExtraWatts += tools.busyWatts() - tools.idleWatts();
        toolFreeAt[t] = free;
        calendar.schedule(free, TOOL_FREE, t, toolToken[t]);
        toolWafers[t] += wafers;
        long[] nextAt = toolNextMaintenanceAtWafers[t];
        for (int d = 0; d < nextAt.length; d++) {
            if (toolWafers[t] >= nextAt[d]) {
                nextAt[d] = Long.MAX_VALUE; // rescheduled when this maintenance ends
                toolPendingDowntimes[t].add(d);
            }
        }
    }

    private double setupSeconds(int from, int to) {
        double specific = from == NO_SETUP ? Double.NaN : setupMatrix[from + 1][to];
        if (!Double.isNaN(specific)) {
            return specific;
        }
        double any = setupMatrix[0][to];
        return Double.isNaN(any) ? 0 : any;
    }

    private void toolFree(int t, int token) {
        if (toolToken[t] != token) {
            return;
        }
        int group = groupOfTool[t];
        ToolGroup tools = fab.toolGroups().get(group);
        busyExtraWatts -= tools.busyWatts() - tools.idleWatts();
        setState(t, ToolState.STANDBY);
        idleTools[group]++;
        boolean maintenanceDue = !toolPendingDowntimes[t].isEmpty();
        if (maintenanceDue) {
            beginDowntime(t, toolPendingDowntimes[t].removeAt(0));
        }
        usePowerHeadroom(); // under a cap, the freed power goes to held jobs (part done) before new starts
        if (!maintenanceDue) {
            dispatch(group);
        }
    }

    // ---- breakdowns and maintenance

    private void downtimeDue(int t, int d) {
        if (toolState[t] == ToolState.STANDBY) {
            beginDowntime(t, d);
        } else {
            toolPendingDowntimes[t].add(d); // a running job finishes first; a tool already down goes on after
        }
    }

    private void beginDowntime(int t, int d) {
        idleTools[groupOfTool[t]]--;
        enterDowntime(t, d);
    }

    private void enterDowntime(int t, int d) {
        Downtime downtime = fab.downtimes().get(d);
        setState(t, downtime.maintenance() ? ToolState.SCHEDULED_DOWN : ToolState.UNSCHEDULED_DOWN);
        toolActiveDowntime[t] = d;
        // the end event carries the tool's downtime epoch, so one a report made stale is recognised
        calendar.schedule(now() + downtime.duration().sample(downtimeRandom), DOWNTIME_END, t,
                d + downtimeSlots() * toolDowntimeEpoch[t]);
    }

    private int downtimeSlots() {
        return Math.max(1, fab.downtimes().size());
    }

    private void downtimeEnd(int t, int argument) {
        int d = argument % downtimeSlots();
        if (argument / downtimeSlots() != toolDowntimeEpoch[t]) {
            return; // a report ended this downtime early and scheduled its next occurrence then
        }
        scheduleNextDowntime(t, d);
        if (toolOverride[t] != NO_OVERRIDE) {
            return; // the tool's own report holds it down; due downtimes wait for its UP
        }
        if (toolState[t] != ToolState.SCHEDULED_DOWN && toolState[t] != ToolState.UNSCHEDULED_DOWN) {
            return; // already back up by a report (restored from a snapshot that did not track downtimes)
        }
        if (!toolPendingDowntimes[t].isEmpty()) {
            enterDowntime(t, toolPendingDowntimes[t].removeAt(0));
            return;
        }
        setState(t, ToolState.STANDBY);
        idleTools[groupOfTool[t]]++;
        dispatch(groupOfTool[t]);
    }

    /** Ends downtime {@code d} of tool {@code t} and schedules its next occurrence, by calendar or by wafers. */
    private void scheduleNextDowntime(int t, int d) {
        toolActiveDowntime[t] = -1;
        Downtime downtime = fab.downtimes().get(d);
        if (downtime.betweenWafers() > 0) {
            toolNextMaintenanceAtWafers[t][d] = toolWafers[t] + downtime.betweenWafers();
        } else {
            calendar.schedule(now() + downtime.between().sample(downtimeRandom), DOWNTIME_DUE, t, d);
        }
    }

    // ---- tool telemetry

    /**
     * Overrides the simulated state of tool {@code t} by its own report, at {@code at} (seconds
     * from the origin): now when {@code at} is not after the fab's time, else when the run gets
     * there. {@link ToolReport#DOWN} and {@link ToolReport#PM} hold the tool down until an
     * {@link ToolReport#UP}, pausing a running (or power-held) job where it is; a simulated
     * breakdown or maintenance due meanwhile waits. {@link ToolReport#UP} puts the tool back in
     * service: it ends a simulated downtime in progress early (its next occurrence is scheduled
     * from now), resumes a paused job (held again if the power cap has no room for it), and
     * maintenance that fell due while the tool was held down starts after its next job.
     */
    public void report(int t, ToolReport report, double at) {
        if (t < 0 || t >= toolState.length) {
            throw new IllegalArgumentException("no tool " + t + " in a fab of " + toolState.length + " tools");
        }
        if (report == null || !Double.isFinite(at)) {
            throw new IllegalArgumentException("a tool report needs a kind and a finite time");
        }
        if (at > now()) {
            calendar.schedule(at, TOOL_REPORT, t, report.ordinal());
        } else {
            applyReport(t, report);
        }
    }

    private void applyReport(int t, ToolReport report) {
        if (report == ToolReport.UP) {
            toolUp(t);
        } else {
            toolDown(t, report.forcedState());
        }
    }

    private void toolDown(int t, ToolState forced) {
        int group = groupOfTool[t];
        ToolGroup tools = fab.toolGroups().get(group);
        double extra = tools.busyWatts() - tools.idleWatts();
        int override = forced.ordinal();
        if (toolOverride[t] != NO_OVERRIDE) {
            override |= toolOverride[t] & OVERRIDE_PAUSED_JOB; // DOWN after PM (or back): the same stop
        } else if (toolState[t] == ToolState.STANDBY) {
            idleTools[group]--;
        } else if (toolState[t] == ToolState.PRODUCTIVE) {
            pauseJob(t);
            busyExtraWatts -= extra;
            override |= OVERRIDE_PAUSED_JOB;
        } else if (toolState[t] == ToolState.POWER_HELD) {
            heldTools.removeValue(t); // already paused by the cap
            heldExtraWatts -= extra;
            override |= OVERRIDE_PAUSED_JOB;
        } // a tool in a simulated downtime stays in it underneath the override
        toolOverride[t] = override;
        setState(t, forced);
        usePowerHeadroom(); // a stopped tool frees power for held ones
    }

    private void toolUp(int t) {
        int override = toolOverride[t];
        if (toolActiveDowntime[t] >= 0) {
            toolDowntimeEpoch[t]++;
            scheduleNextDowntime(t, toolActiveDowntime[t]);
        } else if (override == NO_OVERRIDE) {
            return; // up already: nothing to override
        }
        toolOverride[t] = NO_OVERRIDE;
        int group = groupOfTool[t];
        if (override != NO_OVERRIDE && (override & OVERRIDE_PAUSED_JOB) != 0) {
            // back to where the cap would have it: held, then resumed at once if the cap has room
            ToolGroup tools = fab.toolGroups().get(group);
            setState(t, ToolState.POWER_HELD);
            heldExtraWatts += tools.busyWatts() - tools.idleWatts();
            heldTools.add(t);
            usePowerHeadroom();
            return;
        }
        setState(t, ToolState.STANDBY);
        idleTools[group]++;
        dispatch(group);
    }

    /** Whether the tool's own report holds it in its state (rather than the simulation). */
    public boolean overridden(int t) {
        return toolOverride[t] != NO_OVERRIDE;
    }

    public ToolState toolState(int t) {
        return toolState[t];
    }

    public int toolCount() {
        return toolState.length;
    }

    /** Bookkeeping check for tests: each group's count of free tools is its number of tools in standby. */
    boolean idleCountsConsistent() {
        for (int g = 0; g < idleTools.length; g++) {
            if (idleTools[g] != toolStates(g)[ToolState.STANDBY.ordinal()]) {
                return false;
            }
        }
        return true;
    }

    public int groupOf(int t) {
        return groupOfTool[t];
    }

    /** The first tool of group {@code g}; its tools are numbered on from there. */
    public int firstToolOf(int g) {
        return firstToolOfGroup[g];
    }

    // ---- power

    /**
     * Caps the fab's draw, in watts ({@code +Infinity} for none). Load-shedding policy, lowest lot
     * priority first (regular, then hot, then super-hot; a batch counts as its most urgent lot):
     * <ol>
     * <li>a job starts only if the draw stays within the cap less a reserve: one heaviest job's
     * productive load (an EUV scanner's in the default fab) for each more urgent class with lots in
     * the line, so twice for regular lots, once for hot lots, never for super-hot lots. As the room
     * under the cap shrinks, starts into the power-heavy groups are held first, and regular lots'
     * before hot lots' before super-hot lots';</li>
     * <li>a job of a hot or super-hot lot that does not fit pauses running jobs of less urgent lots
     * to make room, when pausing them all would be enough;</li>
     * <li>while the draw is above the cap (a new, lower cap), running jobs are paused where they
     * are: jobs of regular lots first, then hot, then super-hot;</li>
     * <li>as room returns, paused jobs resume by the same rules, the most urgent first, then held
     * starts go ahead.</li>
     * </ol>
     * Within a priority the job with the largest productive load (busy − idle watts) is paused
     * first, and resumes first (ties: the lowest tool number is paused first, the longest held
     * resumes first). The fab's idle and facility load is never shed: a cap below it leaves the fab
     * at that floor with every tool held.
     */
    public void setPowerCap(double watts) {
        if (!(watts >= 0)) {
            throw new IllegalArgumentException("power cap must be >= 0 W, was " + watts);
        }
        capWatts = watts;
        int[] urgency = blockedUrgency();
        while (baseWatts + busyExtraWatts > capWatts) {
            int victim = nextToPause(PRIORITIES, urgency);
            if (victim < 0) {
                break;
            }
            hold(victim);
        }
        usePowerHeadroom();
    }

    /**
     * Whether a job of lots of {@code priority} adding {@code extra} watts may start (or resume): it
     * fits with the reserve its priority leaves, or room was made by pausing less urgent jobs.
     */
    private boolean admit(double extra, int priority) {
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
        return urgentClasses * heaviestJobWatts;
    }

    /**
     * Pauses running jobs of lots less urgent than {@code priority}, the least urgent and heaviest
     * first, until {@code watts} more fit under the cap; true at once when they fit already, and
     * false, pausing none, when pausing them all would not be enough.
     */
    private boolean makeRoom(double watts, int priority) {
        double over = baseWatts + busyExtraWatts + watts - capWatts;
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
        while (baseWatts + busyExtraWatts + watts > capWatts) {
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
        for (int t = 0; t < toolState.length; t++) {
            if (toolState[t] == ToolState.PRODUCTIVE && effectivePriority(t, urgency) < priority) {
                watts += productiveWatts(t);
            }
        }
        return watts;
    }

    /** The running job to pause next among those less urgent than {@code priority}, or -1. */
    private int nextToPause(int priority, int[] urgency) {
        int victim = -1;
        int victimPriority = priority;
        double victimExtra = 0;
        for (int t = 0; t < toolState.length; t++) {
            if (toolState[t] != ToolState.PRODUCTIVE) {
                continue;
            }
            int p = effectivePriority(t, urgency);
            double extra = productiveWatts(t);
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
        return Math.max(jobPriority(t), urgency[groupOfTool[t]]);
    }

    /** Per group, the priority of its most urgent waiting lot when none of its tools is free, else -1. */
    private int[] blockedUrgency() {
        int[] urgency = new int[queues.length];
        for (int g = 0; g < queues.length; g++) {
            urgency[g] = idleTools[g] > 0 ? -1 : mostUrgentWaiting(g);
        }
        return urgency;
    }

    /** The priority of the most urgent lot waiting at group {@code g}, or -1 when none waits. */
    private int mostUrgentWaiting(int g) {
        IntList[] q = queues[g];
        if (fab.toolGroups().get(g).rule() != DispatchRule.FIFO) {
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
        IntList inTool = toolLots[t];
        int priority = 0;
        for (int i = 0; i < inTool.size(); i++) {
            priority = Math.max(priority, lots.get(inTool.get(i)).priority.ordinal());
        }
        return priority;
    }

    /** What tool {@code t} adds to the draw while productive: busy − idle watts. */
    private double productiveWatts(int t) {
        ToolGroup tools = fab.toolGroups().get(groupOfTool[t]);
        return tools.busyWatts() - tools.idleWatts();
    }

    private void hold(int t) {
        double extra = productiveWatts(t);
        pauseJob(t);
        setState(t, ToolState.POWER_HELD);
        busyExtraWatts -= extra;
        heldExtraWatts += extra;
        heldTools.add(t);
    }

    /** Stops the tool's job where it is: its pending ends go stale, the remaining times are kept. */
    private void pauseJob(int t) {
        toolToken[t]++;
        toolHeldRemaining[t] = toolFreeAt[t] - now();
        IntList inTool = toolLots[t];
        for (int i = 0; i < inTool.size(); i++) {
            Lot lot = lots.get(inTool.get(i));
            lot.token++;
            lot.heldRemaining = lot.doneAt - now();
        }
    }

    private void resume(int t) {
        double extra = productiveWatts(t);
        setState(t, ToolState.PRODUCTIVE);
        busyExtraWatts += extra;
        heldExtraWatts -= extra;
        toolFreeAt[t] = now() + toolHeldRemaining[t];
        calendar.schedule(toolFreeAt[t], TOOL_FREE, t, toolToken[t]);
        IntList inTool = toolLots[t];
        for (int i = 0; i < inTool.size(); i++) {
            int handle = inTool.get(i);
            Lot lot = lots.get(handle);
            lot.doneAt = now() + lot.heldRemaining;
            calendar.schedule(lot.doneAt, LOT_DONE, handle, lot.token);
        }
    }

    /** Resumes held jobs, the most urgent and heaviest first, while they fit; then retries the starts the cap held. */
    private void usePowerHeadroom() {
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
                double extra = productiveWatts(t);
                if (priority < bestPriority || (priority == bestPriority && extra <= bestExtra)) {
                    continue;
                }
                double over = baseWatts + busyExtraWatts + extra + reserveFor(priority) - capWatts;
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
            for (int g = 0; g < queues.length; g++) {
                dispatch(g);
            }
        }
    }

    /** What the fab draws now, watts: facility and idle load plus the running tools' productive load. */
    public double drawWatts() {
        return baseWatts + busyExtraWatts;
    }

    /**
     * What it would draw without the cap: the draw, plus the productive load of the held jobs and
     * of the starts the cap holds back (a free tool whose group has lots waiting that do not fit),
     * so that a capped fab's demand does not sink to its draw as its jobs end.
     */
    public double demandWatts() {
        return baseWatts + busyExtraWatts + heldExtraWatts + heldStartsWatts();
    }

    private double heldStartsWatts() {
        if (capWatts == Double.POSITIVE_INFINITY) {
            return 0;
        }
        double draw = baseWatts + busyExtraWatts;
        double watts = 0;
        for (int g = 0; g < queues.length; g++) {
            int waiting = queueLength(g);
            if (idleTools[g] == 0 || waiting == 0) {
                continue;
            }
            ToolGroup tools = fab.toolGroups().get(g);
            double extra = tools.busyWatts() - tools.idleWatts();
            if (draw + extra + reserveFor(mostUrgentWaiting(g)) > capWatts) {
                watts += Math.min(idleTools[g], waiting) * extra;
            }
        }
        return watts;
    }

    /** The cap, watts; {@code +Infinity} when none. */
    public double powerCapWatts() {
        return capWatts;
    }

    /** Facility plus every tool idle: the floor a cap cannot shed. */
    public double floorWatts() {
        return baseWatts;
    }

    /** Facility plus every tool busy: the most the fab can draw. */
    public double peakWatts() {
        double peak = fab.facilityWatts();
        for (ToolGroup g : fab.toolGroups()) {
            peak += g.tools() * g.busyWatts();
        }
        return peak;
    }

    // ---- snapshot

    /** The run's whole state, for a snapshot. */
    public SimulationState state() {
        List<SimulationState.LotState> lotStates = new ArrayList<>(lots.size());
        for (Lot l : lots) {
            lotStates.add(new SimulationState.LotState(l.name, l.product, l.priority, l.wafers, l.startedAt, l.initial,
                    l.step, l.token, l.tool, l.inQueue, l.queuedAt, l.doneAt, l.heldRemaining, l.reworks, l.done));
        }
        int tools = toolState.length;
        int[] states = new int[tools];
        int[][] inTool = new int[tools][];
        int[][] pending = new int[tools][];
        long[][] nextMaintenance = new long[tools][];
        double[][] secondsInState = new double[tools][];
        for (int t = 0; t < tools; t++) {
            states[t] = toolState[t].ordinal();
            inTool[t] = toolLots[t].toArray();
            pending[t] = toolPendingDowntimes[t].toArray();
            nextMaintenance[t] = toolNextMaintenanceAtWafers[t].clone();
            secondsInState[t] = toolSecondsInState[t].clone();
        }
        int[][][] queueState = new int[queues.length][PRIORITIES][];
        for (int g = 0; g < queues.length; g++) {
            for (int p = 0; p < PRIORITIES; p++) {
                queueState[g][p] = queues[g][p].toArray();
            }
        }
        return new SimulationState(calendar.state(),
                new long[] {releaseRandom.state(), processingRandom.state(), routingRandom.state(),
                        transportRandom.state(), downtimeRandom.state()},
                states, toolSetup.clone(), toolToken.clone(), toolFreeAt.clone(), toolHeldRemaining.clone(),
                toolWafers.clone(), inTool, pending, nextMaintenance, toolStateSince.clone(), secondsInState,
                idleTools.clone(), queueState, lotStates, freeLots.toArray(), released.clone(), busyExtraWatts,
                heldExtraWatts, capWatts == Double.POSITIVE_INFINITY ? null : capWatts, heldTools.toArray(),
                startsBlockedByPower, new long[] {wafersStarted, wafersOut, wafersScrapped, wafersInProcess,
                        lotsInProcess, lotsOut, lotsScrapped, eventsProcessed}, toolOverride.clone(),
                toolActiveDowntime.clone(), toolDowntimeEpoch.clone());
    }

    /**
     * Replaces the run by a saved one of the same definition. Checks first, so a state that does
     * not fit (another fab, or one breaking conservation) is refused and the run is left as it was.
     */
    public void restore(SimulationState s) {
        int tools = toolState.length;
        if (s.toolStates().length != tools || s.queues().length != queues.length
                || s.released().length != released.length) {
            throw new IllegalArgumentException("snapshot is of another fab: " + s.toolStates().length + " tools, "
                    + s.queues().length + " groups; this fab has " + tools + " tools, " + queues.length + " groups");
        }
        long[] totals = s.totals();
        long inProcess = s.lots().stream().filter(l -> !l.done()).mapToLong(SimulationState.LotState::wafers).sum();
        if (totals[0] != totals[1] + totals[2] + totals[3] || inProcess != totals[3]) {
            throw new IllegalArgumentException("snapshot breaks conservation: started " + totals[0] + ", out "
                    + totals[1] + ", scrapped " + totals[2] + ", in process " + totals[3] + " (lots hold " + inProcess + ")");
        }
        calendar.restore(s.calendar());
        RandomStream[] streams = {releaseRandom, processingRandom, routingRandom, transportRandom, downtimeRandom};
        for (int i = 0; i < streams.length; i++) {
            streams[i].restore(s.randomStates()[i]);
        }
        for (int t = 0; t < tools; t++) {
            toolState[t] = ToolState.values()[s.toolStates()[t]];
            toolLots[t].clear();
            for (int h : s.toolLots()[t]) {
                toolLots[t].add(h);
            }
            toolPendingDowntimes[t].clear();
            for (int d : s.toolPendingDowntimes()[t]) {
                toolPendingDowntimes[t].add(d);
            }
            toolNextMaintenanceAtWafers[t] = s.toolNextMaintenanceAtWafers()[t].clone();
            toolSecondsInState[t] = s.toolSecondsInState()[t].clone();
        }
        System.arraycopy(s.toolSetups(), 0, toolSetup, 0, tools);
        System.arraycopy(s.toolTokens(), 0, toolToken, 0, tools);
        System.arraycopy(s.toolFreeAt(), 0, toolFreeAt, 0, tools);
        System.arraycopy(s.toolHeldRemaining(), 0, toolHeldRemaining, 0, tools);
        System.arraycopy(s.toolWafers(), 0, toolWafers, 0, tools);
        System.arraycopy(s.toolStateSince(), 0, toolStateSince, 0, tools);
        System.arraycopy(s.idleTools(), 0, idleTools, 0, idleTools.length);
        // snapshots from before tool telemetry have no overrides, no known downtimes, epoch 0
        restoreOrFill(s.toolOverrides(), toolOverride, NO_OVERRIDE);
        restoreOrFill(s.toolActiveDowntimes(), toolActiveDowntime, -1);
        restoreOrFill(s.toolDowntimeEpochs(), toolDowntimeEpoch, 0);
        for (int g = 0; g < queues.length; g++) {
            for (int p = 0; p < PRIORITIES; p++) {
                queues[g][p].clear();
                for (int h : s.queues()[g][p]) {
                    queues[g][p].add(h);
                }
            }
        }
        lots.clear();
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
            lots.add(lot);
        }
        freeLots.clear();
        for (int h : s.freeLots()) {
            freeLots.add(h);
        }
        System.arraycopy(s.released(), 0, released, 0, released.length);
        busyExtraWatts = s.busyExtraWatts();
        heldExtraWatts = s.heldExtraWatts();
        capWatts = s.capWatts() == null ? Double.POSITIVE_INFINITY : s.capWatts();
        heldTools.clear();
        for (int t : s.heldTools()) {
            heldTools.add(t);
        }
        startsBlockedByPower = s.startsBlockedByPower();
        wafersStarted = totals[0];
        wafersOut = totals[1];
        wafersScrapped = totals[2];
        wafersInProcess = totals[3];
        lotsInProcess = totals[4];
        java.util.Arrays.fill(lotsInProcessByPriority, 0);
        for (Lot lot : lots) {
            if (!lot.finished()) {
                lotsInProcessByPriority[lot.priority.ordinal()]++;
            }
        }
        lotsOut = totals[5];
        lotsScrapped = totals[6];
        eventsProcessed = totals[7];
    }

    private static void restoreOrFill(int[] saved, int[] target, int missing) {
        if (saved != null && saved.length == target.length) {
            System.arraycopy(saved, 0, target, 0, target.length);
        } else {
            java.util.Arrays.fill(target, missing);
        }
    }

    // ---- state

    private void setState(int t, ToolState state) {
        double now = now();
        toolSecondsInState[t][toolState[t].ordinal()] += now - toolStateSince[t];
        toolStateSince[t] = now;
        toolState[t] = state;
    }

    public double now() {
        return calendar.now();
    }

    public FabDefinition definition() {
        return fab;
    }

    public long wafersStarted() {
        return wafersStarted;
    }

    public long wafersOut() {
        return wafersOut;
    }

    public long wafersScrapped() {
        return wafersScrapped;
    }

    public long wafersInProcess() {
        return wafersInProcess;
    }

    public long lotsInProcess() {
        return lotsInProcess;
    }

    public long lotsOut() {
        return lotsOut;
    }

    public long lotsScrapped() {
        return lotsScrapped;
    }

    public long eventsProcessed() {
        return eventsProcessed;
    }

    /** Events on the calendar now. */
    public int pendingEvents() {
        return calendar.size();
    }

    /** Wafers started = out + scrapped + in process, each counted independently of the others. */
    public boolean conserved() {
        long counted = 0;
        for (Lot lot : lots) {
            if (!lot.finished()) {
                counted += lot.wafers;
            }
        }
        return counted == wafersInProcess && wafersStarted == wafersOut + wafersScrapped + wafersInProcess
                && wafersOut >= 0 && wafersScrapped >= 0 && wafersInProcess >= 0;
    }

    /** Tools per state, for one group. */
    public int[] toolStates(int group) {
        int[] counts = new int[ToolState.values().length];
        for (int t = firstToolOfGroup[group]; t < firstToolOfGroup[group + 1]; t++) {
            counts[toolState[t].ordinal()]++;
        }
        return counts;
    }

    /** Share of the group's tool time spent productive since the run began (0 at the origin). */
    public double utilization(int group) {
        double productive = 0;
        double total = 0;
        double now = now();
        for (int t = firstToolOfGroup[group]; t < firstToolOfGroup[group + 1]; t++) {
            for (ToolState s : ToolState.values()) {
                double seconds = toolSecondsInState[t][s.ordinal()] + (toolState[t] == s ? now - toolStateSince[t] : 0);
                total += seconds;
                if (s == ToolState.PRODUCTIVE) {
                    productive += seconds;
                }
            }
        }
        return total > 0 ? productive / total : 0;
    }

    /** Lots waiting in the group's queue. */
    public int queueLength(int group) {
        IntList[] q = queues[group];
        return q[0].size() + q[1].size() + q[2].size();
    }

    /** Lots in process, in handle order, as views. */
    public List<LotView> lots(int limit) {
        List<LotView> views = new ArrayList<>();
        for (Lot lot : lots) {
            if (views.size() >= limit) {
                break;
            }
            if (!lot.finished()) {
                Product product = fab.products().get(lot.product);
                views.add(new LotView(lot.name, product.name(), lot.priority, lot.wafers, lot.step,
                        product.route().size(), lot.startedAt, lot.tool >= 0 ? "processing" : lot.inQueue ? "queued"
                                : "moving"));
            }
        }
        return views;
    }

    /** A lot in process. */
    public record LotView(String name, String product, LotPriority priority, int wafers, int step, int steps,
            double startedAt, String status) {
    }

    /** A lot's mutable state in the run. */
    static final class Lot {

        final String name;
        final int product;
        final LotPriority priority;
        final int wafers;
        final double startedAt;
        final boolean initial;
        int step;
        int token;
        int tool = -1;
        boolean inQueue;
        double queuedAt;
        double doneAt;
        double heldRemaining;
        int reworks;
        boolean done;

        Lot(String name, int product, LotPriority priority, int wafers, double startedAt, boolean initial) {
            this.name = name;
            this.product = product;
            this.priority = priority;
            this.wafers = wafers;
            this.startedAt = startedAt;
            this.initial = initial;
        }

        boolean finished() {
            return done;
        }
    }
}
