package io.terafab.fab.simulation;

import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.LotPriority;
import io.terafab.fab.definition.Product;
import io.terafab.fab.definition.ToolGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A fab of a {@link FabDefinition} running on an {@link EventCalendar}: lots are released, wait in
 * their tool group's queue, are dispatched (one lot, or a batch of lots at the same step) to a
 * free tool, take setup, load, processing and unload time, may be reworked or skip sampled steps,
 * move to the next step after a transport delay, and leave at the end of the route good or
 * scrapped (the lots' way between tools is {@link LotFlow}'s). Tools break down and go to
 * maintenance on their own calendars, and a power cap holds lot starts and pauses running jobs,
 * the least urgent lots first (see {@link #setPowerCap(double)}, decided by {@link PowerShedding}).
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

    // random streams: one per purpose, so adding breakdowns does not change the processing times drawn
    private static final int STREAM_RELEASES = 0;
    private static final int STREAM_PROCESSING = 1;
    private static final int STREAM_ROUTING = 2;
    private static final int STREAM_TRANSPORT = 3;
    private static final int STREAM_DOWNTIME = 4;

    private static final int PRIORITIES = LotPriority.values().length;

    private final FabDefinition fab;
    final EventCalendar calendar = new EventCalendar();
    final RandomStream[] randomStreams; // by STREAM_ number

    final FabLayout layout;
    final ToolTable tools;
    // queues: per group, one list per priority (FIFO groups use only the regular one)
    final IntList[][] queues;
    // lots, by handle; LotFlow reuses the handles of finished lots
    final List<Lot> lots = new ArrayList<>();
    private LotEnergyMeter meter;
    final PowerShedding power;
    final LotFlow lotFlow;
    private final ToolAvailability availability;
    private final Dispatcher dispatcher;
    final FabTotals totals = new FabTotals();

    private boolean integratingDraw;
    private double drawnJoules;
    private double drawIntegratedTo;

    public FabSimulation(FabDefinition fab, double lineScrapShare, long seed) {
        if (!(lineScrapShare >= 0 && lineScrapShare < 1)) {
            throw new IllegalArgumentException("line scrap share must be in [0, 1), was " + lineScrapShare);
        }
        this.fab = fab;
        RandomStream releaseRandom = RandomStream.of(seed, STREAM_RELEASES);
        RandomStream processingRandom = RandomStream.of(seed, STREAM_PROCESSING);
        RandomStream routingRandom = RandomStream.of(seed, STREAM_ROUTING);
        RandomStream transportRandom = RandomStream.of(seed, STREAM_TRANSPORT);
        RandomStream downtimeRandom = RandomStream.of(seed, STREAM_DOWNTIME);
        randomStreams =
                new RandomStream[] {releaseRandom, processingRandom, routingRandom, transportRandom, downtimeRandom};

        List<ToolGroup> groups = fab.toolGroups();
        layout = new FabLayout(fab);
        tools = new ToolTable(
                layout,
                fab.downtimes().size(),
                groups.stream().mapToInt(ToolGroup::tools).toArray());
        queues = new IntList[groups.size()][PRIORITIES];
        for (int g = 0; g < groups.size(); g++) {
            for (int p = 0; p < PRIORITIES; p++) {
                queues[g][p] = new IntList(16);
            }
        }
        power = new PowerShedding(this, layout, tools, queues, lots);
        lotFlow = new LotFlow(
                this,
                layout,
                tools,
                queues,
                lots,
                power,
                releaseRandom,
                routingRandom,
                transportRandom,
                lineScrapShare);
        dispatcher = new Dispatcher(this, layout, tools, queues, lots, power, processingRandom);
        availability = new ToolAvailability(this, layout, tools, power, downtimeRandom);

        // in this order: events at the same time run in the order they were scheduled
        lotFlow.scheduleFirstReleases();
        availability.scheduleFirstDowntimes();
        lotFlow.placeInitialWip();
    }

    /**
     * Draws every random stream from now on as a run of {@code seed} would (each purpose its own
     * stream, as at construction). Events already on the calendar keep their times: a replication
     * forked from a restored state shares its past and draws its own future.
     */
    public void reseed(long seed) {
        for (int i = 0; i < randomStreams.length; i++) {
            randomStreams[i].restore(RandomStream.of(seed, i).state());
        }
    }

    /**
     * Restarts the wafer and lot totals from now: the lots in process count as started, none as out
     * or scrapped, as for a run pre-loaded with them (after a warm-up, so that the totals, like the
     * lots reported out, cover the live run only). Conservation holds as before.
     */
    public void countTotalsFromNow() {
        totals.countFromNow();
    }

    /** Receives every lot that reaches the end of its route, in finishing order. */
    public void onFinished(Consumer<FinishedLot> listener) {
        lotFlow.onFinished(listener);
    }

    /** Runs every event up to and including {@code time}, then sets the fab's time to it. */
    public void runUntil(double time) {
        if (time < calendar.now()) {
            throw new IllegalArgumentException("time " + time + " is before the fab's time " + calendar.now());
        }
        while (calendar.nextTime() <= time) {
            if (meter != null) {
                meter.integrateTo(calendar.nextTime()); // the draw held until this event may change
            }
            if (integratingDraw) {
                integrateDrawTo(calendar.nextTime());
            }
            calendar.pop();
            totals.eventProcessed();
            handle(calendar.kind(), calendar.subject(), calendar.argument());
        }
        calendar.advanceTo(time);
        if (meter != null) {
            meter.integrateTo(time); // a cap or a report applied now changes the draw from now on
        }
        if (integratingDraw) {
            integrateDrawTo(time);
        }
    }

    /**
     * Integrates the fab's draw ({@link #drawWatts()}) from now on, event to event, without the
     * per-lot bookkeeping of {@link #energyMeter()}: what a forecast's energy needs, at the cost of
     * one multiplication per event. Off unless asked for.
     */
    public void integrateDraw() {
        if (!integratingDraw) {
            integratingDraw = true;
            drawIntegratedTo = now();
        }
    }

    /** The energy drawn since {@link #integrateDraw()} was first called, joules, up to the fab's time. */
    public double drawnJoules() {
        return drawnJoules;
    }

    private void integrateDrawTo(double time) {
        drawnJoules += power.drawWatts() * (time - drawIntegratedTo);
        drawIntegratedTo = time;
    }

    /**
     * Runs release stream {@code release} at {@code factor} times its definition's rate, from its
     * next release on (the release already on the calendar keeps its time): each interval drawn is
     * divided by the factor. At 0 the stream makes no starts but keeps its pace, each release it
     * would make skipped, so that a later factor takes effect within one interval. A setting for
     * what-if runs, like the definition not part of the {@link #state()}; 1 unless set.
     */
    public void setStartRateFactor(int release, double factor) {
        lotFlow.setStartRateFactor(release, factor);
    }

    public double startRateFactor(int release) {
        return lotFlow.startRateFactor(release);
    }

    /**
     * Meters the run's energy per lot from now on (see {@link LotEnergyMeter}); the same meter on
     * every call. Off unless asked for, so batch runs pay nothing for it.
     */
    public LotEnergyMeter energyMeter() {
        if (meter == null) {
            meter = new LotEnergyMeter(this, layout, tools, lots);
        }
        return meter;
    }

    /** The energy meter, or {@code null} until one is asked for: its hooks are skipped, so batch runs pay nothing. */
    LotEnergyMeter meterIfOn() {
        return meter;
    }

    private void handle(int kind, int subject, int argument) {
        switch (kind) {
            case RELEASE -> lotFlow.release(subject);
            case ARRIVE -> lotFlow.arrive(subject, argument);
            case LOT_DONE -> lotFlow.lotDone(subject, argument);
            case TOOL_FREE -> toolFree(subject, argument);
            case DOWNTIME_DUE -> availability.downtimeDue(subject, argument);
            case DOWNTIME_END -> availability.downtimeEnd(subject, argument);
            case TOOL_REPORT -> availability.applyReport(subject, ToolReport.values()[argument]);
            default -> throw new IllegalStateException("unknown event kind " + kind);
        }
    }

    // ---- dispatching

    void dispatch(int group) {
        dispatcher.dispatch(group);
    }

    /** Offers every group's free tools to its queue again: the power cap let go of the starts it held. */
    void dispatchAll() {
        for (int g = 0; g < queues.length; g++) {
            dispatcher.dispatch(g);
        }
    }

    private void toolFree(int t, int token) {
        if (tools.token[t] != token) {
            return;
        }
        int group = layout.groupOfTool[t];
        power.jobEnded(t);
        setState(t, ToolState.STANDBY);
        tools.idle[group]++;
        boolean maintenanceDue = !tools.pendingDowntimes[t].isEmpty();
        if (maintenanceDue) {
            availability.beginDowntime(t, tools.pendingDowntimes[t].removeAt(0));
        }
        power.useHeadroom(); // under a cap, the freed power goes to held jobs (part done) before new starts
        if (!maintenanceDue) {
            dispatch(group);
        }
    }

    /** The power cap pauses the job on tool {@code t}. */
    void holdForPower(int t) {
        pauseJob(t);
        setState(t, ToolState.POWER_HELD);
    }

    /** Stops the tool's job where it is: its pending ends go stale, the remaining times are kept. */
    void pauseJob(int t) {
        tools.token[t]++;
        tools.heldRemaining[t] = tools.freeAt[t] - now();
        IntList inTool = tools.lots[t];
        for (int i = 0; i < inTool.size(); i++) {
            Lot lot = lots.get(inTool.get(i));
            lot.token++;
            lot.heldRemaining = lot.doneAt - now();
        }
    }

    /** The power cap lets the held job on tool {@code t} go on from where it was paused. */
    void resumeAfterPower(int t) {
        setState(t, ToolState.PRODUCTIVE);
        tools.freeAt[t] = now() + tools.heldRemaining[t];
        calendar.schedule(tools.freeAt[t], TOOL_FREE, t, tools.token[t]);
        IntList inTool = tools.lots[t];
        for (int i = 0; i < inTool.size(); i++) {
            int handle = inTool.get(i);
            Lot lot = lots.get(handle);
            lot.doneAt = now() + lot.heldRemaining;
            calendar.schedule(lot.doneAt, LOT_DONE, handle, lot.token);
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
        if (t < 0 || t >= layout.toolCount) {
            throw new IllegalArgumentException("no tool " + t + " in a fab of " + layout.toolCount + " tools");
        }
        if (report == null || !Double.isFinite(at)) {
            throw new IllegalArgumentException("a tool report needs a kind and a finite time");
        }
        if (at > now()) {
            calendar.schedule(at, TOOL_REPORT, t, report.ordinal());
        } else {
            availability.applyReport(t, report);
        }
    }

    /** Whether the tool's own report holds it in its state (rather than the simulation). */
    public boolean overridden(int t) {
        return tools.overridden(t);
    }

    public ToolState toolState(int t) {
        return tools.state[t];
    }

    public int toolCount() {
        return layout.toolCount;
    }

    /** Bookkeeping check for tests: each group's count of free tools is its number of tools in standby. */
    boolean idleCountsConsistent() {
        return tools.idleCountsConsistent();
    }

    public int groupOf(int t) {
        return layout.groupOfTool[t];
    }

    /** The first tool of group {@code g}; its tools are numbered on from there. */
    public int firstToolOf(int g) {
        return layout.firstToolOfGroup[g];
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
        power.setCap(watts);
    }

    /** What the fab draws now, watts: facility and idle load plus the running tools' productive load. */
    public double drawWatts() {
        return power.drawWatts();
    }

    /**
     * What it would draw without the cap: the draw, plus the productive load of the held jobs and
     * of the starts the cap holds back (a free tool whose group has lots waiting that do not fit),
     * so that a capped fab's demand does not sink to its draw as its jobs end.
     */
    public double demandWatts() {
        return power.demandWatts();
    }

    /** The cap, watts; {@code +Infinity} when none. */
    public double powerCapWatts() {
        return power.capWatts;
    }

    /** Facility plus every tool idle: the floor a cap cannot shed. */
    public double floorWatts() {
        return layout.baseWatts;
    }

    /** Facility plus every tool busy: the most the fab can draw. */
    public double peakWatts() {
        return power.peakWatts();
    }

    // ---- snapshot

    /** The run's whole state, for a snapshot. */
    public SimulationState state() {
        return SimulationSnapshot.of(this);
    }

    /**
     * Replaces the run by a saved one of the same definition. Checks first, so a state that does
     * not fit (another fab, or one breaking conservation) is refused and the run is left as it was.
     */
    public void restore(SimulationState s) {
        SimulationSnapshot.restore(this, s);
        if (meter != null) {
            meter.resetAt(now()); // snapshots are taken between ticks, after the meter was drained
        }
    }

    // ---- state

    void setState(int t, ToolState state) {
        if (meter != null) {
            meter.stateChanging(t, tools.state[t], state, now());
        }
        tools.setState(t, state, now());
    }

    public double now() {
        return calendar.now();
    }

    public FabDefinition definition() {
        return fab;
    }

    /** Wafers and lots started, out, scrapped and in process, and the events handled so far. */
    public FabTotals totals() {
        return totals;
    }

    /** Events on the calendar now. */
    public int pendingEvents() {
        return calendar.size();
    }

    /** Wafers started = out + scrapped + in process, each counted independently of the others. */
    public boolean conserved() {
        return totals.conserved(wafersInProcessByLots());
    }

    long wafersInProcessByLots() {
        long counted = 0;
        for (Lot lot : lots) {
            if (!lot.finished()) {
                counted += lot.wafers;
            }
        }
        return counted;
    }

    /** Tools per state, for one group. */
    public int[] toolStates(int group) {
        return tools.statesOf(group);
    }

    /** Share of the group's tool time spent productive since the run began (0 at the origin). */
    public double utilization(int group) {
        return tools.utilization(group, now());
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
                views.add(new LotView(
                        lot.name,
                        product.name(),
                        lot.priority,
                        lot.wafers,
                        lot.step,
                        product.route().size(),
                        lot.startedAt,
                        lot.tool >= 0 ? "processing" : lot.inQueue ? "queued" : "moving"));
            }
        }
        return views;
    }

    /** A lot in process. */
    public record LotView(
            String name,
            String product,
            LotPriority priority,
            int wafers,
            int step,
            int steps,
            double startedAt,
            String status) {}
}
