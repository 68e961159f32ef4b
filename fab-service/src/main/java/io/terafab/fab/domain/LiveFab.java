package io.terafab.fab.domain;

import io.terafab.contract.Units;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.Product;
import io.terafab.fab.definition.ToolGroup;
import io.terafab.fab.domain.carbon.LotEnergyLedger;
import io.terafab.fab.simulation.FabSimulation;
import io.terafab.fab.simulation.FinishedLot;
import io.terafab.fab.simulation.LotEnergyMeter;
import io.terafab.fab.simulation.ToolReport;
import io.terafab.fab.simulation.ToolState;
import io.terafab.platform.model.ModelRejection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The discrete-event fab advanced in step with the twin clock: the run's origin is the instant the
 * fab first started, each {@link #advance(Instant)} runs every event up to the given instant and
 * returns the lots that left the line good, with their good dies per bin. A power budget caps the
 * fab through the simulation's load-shedding policy, from the instant it is applied. A tool's own
 * telemetry overrides its simulated state (see {@link #reportTool}); tools are named
 * {@code <group>.<n>} ({@link FabTool#idOf}).
 *
 * <p>Order: a tool's telemetry applies in the order of its time, and budgets in the order they were
 * issued. Telemetry older than the latest applied for the same tool, or a budget issued before the
 * one in force, is refused with an out-of-order {@link ModelRejection}: applied late, it would put back a
 * state or a cap the twin has already moved past.
 *
 * <p>Invariant, checked by {@link #conserved()}: wafers started = out + scrapped + in process.
 * Methods either apply completely or throw having changed nothing.
 */
public final class LiveFab {

    private final FabDefinition definition;
    private final YieldSettings yield;
    private final double lineScrapShare;
    private final FabSimulation simulation;
    private final LotEnergyMeter meter;
    private final LotEnergyLedger energy = new LotEnergyLedger();
    private final List<FinishedLot> finishedInStep = new ArrayList<>();
    private final Map<String, Integer> toolNumbers = new HashMap<>();
    private final Map<String, Instant> lastToolReportAt = new HashMap<>();
    private Instant origin;
    private PowerBudget budget;
    private double cycleTimeSecondsOfLotsOut;
    private long lotsOutTimed;

    public LiveFab(FabDefinition definition, YieldSettings yield, double lineScrapShare, long seed) {
        this(definition, yield, lineScrapShare, seed, Duration.ZERO);
    }

    /**
     * A fab that has already run for {@code warmUp} before it goes live: its pre-loaded work in
     * process (lots spread along the route, each waiting at the start of its step) settles into the
     * line's steady state of queues, batches and busy tools before the first tick. The warm-up's
     * lots out and energy are not reported, and the totals count from its end (the lots then in
     * process as started, as for a pre-loaded fab); {@link #start} places the run's origin {@code warmUp}
     * before the start instant, so the lots in process carry their true release times.
     */
    public LiveFab(FabDefinition definition, YieldSettings yield, double lineScrapShare, long seed, Duration warmUp) {
        if (warmUp == null || warmUp.isNegative()) {
            throw new IllegalArgumentException("warm-up must be zero or positive, was " + warmUp);
        }
        this.definition = definition;
        this.lineScrapShare = lineScrapShare;
        this.yield = yield;
        this.simulation = new FabSimulation(definition, lineScrapShare, seed);
        simulation.onFinished(finishedInStep::add);
        this.meter = simulation.energyMeter();
        List<ToolGroup> groups = definition.toolGroups();
        for (int g = 0; g < groups.size(); g++) {
            for (int k = 0; k < groups.get(g).tools(); k++) {
                toolNumbers.put(FabTool.idOf(groups.get(g).name(), k), simulation.firstToolOf(g) + k);
            }
        }
        if (!warmUp.isZero()) {
            simulation.runUntil(warmUp.toNanos() / 1e9);
            finishedInStep.clear();
            meter.drain(simulation.now());
            simulation.countTotalsFromNow();
        }
    }

    /** Starts the run at {@code at}; a no-op when started before (or restored). */
    public boolean start(Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("start time is required");
        }
        if (origin != null) {
            return false;
        }
        origin = at.minusNanos(Math.round(simulation.now() * 1e9)); // after a warm-up, the run began before
        return true;
    }

    public boolean started() {
        return origin != null;
    }

    /**
     * Runs the fab to {@code to}; an instant not after the fab's time changes nothing.
     *
     * @return the lots that left the line good, in finishing order
     */
    public List<WaferOut> advance(Instant to) {
        if (origin == null) {
            throw new IllegalStateException("the fab is not started");
        }
        if (to == null || !to.isAfter(now().orElseThrow())) {
            return List.of();
        }
        finishedInStep.clear();
        simulation.runUntil(secondsOf(to));
        energy.book(meter.drain(simulation.now()));
        List<WaferOut> out = new ArrayList<>();
        for (FinishedLot lot : finishedInStep) {
            if (lot.scrapped()) {
                energy.lotLeft(lot.name(), lot.wafers(), 0, true);
                continue;
            }
            cycleTimeSecondsOfLotsOut += lot.cycleTimeSeconds();
            lotsOutTimed++;
            Map<String, Integer> dies = yield.goodDiesByBin(lot.wafers());
            long goodDies = dies.values().stream().mapToLong(Integer::longValue).sum();
            LotEnergyLedger.LotAccount account = energy.lotLeft(lot.name(), lot.wafers(), goodDies, false);
            out.add(new WaferOut(
                    lot.name(),
                    lot.product(),
                    lot.priority().key(),
                    lot.wafers(),
                    dies,
                    instantOf(lot.startedAt()),
                    instantOf(lot.finishedAt()),
                    account.energyWh(),
                    account.carbonGrams()));
        }
        finishedInStep.clear();
        return out;
    }

    /**
     * Takes the grid's cap; it holds until the next budget.
     *
     * @throws ModelRejection (out of order) for a budget issued before the one in force
     */
    public void applyBudget(PowerBudget newBudget) {
        if (newBudget == null) {
            throw ModelRejection.invalid("budget is required");
        }
        if (budget != null && newBudget.issuedAt().isBefore(budget.issuedAt())) {
            throw ModelRejection.outOfOrder("budget issued at " + newBudget.issuedAt()
                    + " is older than the one in force, " + "issued at " + budget.issuedAt());
        }
        simulation.setPowerCap(Units.watts(newBudget.capMw()));
        budget = newBudget;
    }

    /**
     * Applies a tool's own report at {@code at}: now when that is not after the fab's time, else
     * when the fab gets there (see {@link FabSimulation#report} for what each report does).
     *
     * @throws ModelRejection (unknown entity) for a tool the fab does not have
     * @throws ModelRejection (out of order) for a report older than the tool's latest telemetry
     * @throws ModelRejection (invalid) before the fab started, or without a report or a time
     */
    public void reportTool(String toolId, ToolReport report, Instant at) {
        int tool = toolNumber(toolId);
        if (report == null || at == null) {
            throw ModelRejection.invalid("a tool report needs a kind and a time");
        }
        if (origin == null) {
            throw ModelRejection.invalid("the fab has not started yet: no tool state to override");
        }
        requireInOrder(toolId, at);
        simulation.report(tool, report, secondsOf(at));
        lastToolReportAt.put(toolId, at);
    }

    /**
     * A reading of the tool within its limits at {@code at}: nothing to override, but it is the
     * tool's latest telemetry, so an older report arriving after it is out of order.
     *
     * @throws ModelRejection (unknown entity) for a tool the fab does not have
     * @throws ModelRejection (out of order) for a reading older than the tool's latest telemetry
     */
    public void confirmTool(String toolId, Instant at) {
        toolNumber(toolId);
        if (at == null) {
            throw ModelRejection.invalid("a tool reading needs a time");
        }
        requireInOrder(toolId, at);
        lastToolReportAt.put(toolId, at);
    }

    private void requireInOrder(String toolId, Instant at) {
        Instant latest = lastToolReportAt.get(toolId);
        if (latest != null && at.isBefore(latest)) {
            throw ModelRejection.outOfOrder(
                    "telemetry of " + toolId + " at " + at + " is older than the latest applied, at " + latest);
        }
    }

    /** The tool's number in the simulation. @throws ModelRejection (unknown entity) for a tool the fab does not have */
    public int toolNumber(String toolId) {
        Integer tool = toolId == null ? null : toolNumbers.get(toolId);
        if (tool == null) {
            throw ModelRejection.unknown("no tool " + toolId + " in the fab (tool ids are listed by GET /fab/tools)");
        }
        return tool;
    }

    /** Every tool (or those of one group), in group order. @throws ModelRejection (unknown entity) for an unknown group */
    public List<FabTool> tools(String group) {
        List<ToolGroup> groups = definition.toolGroups();
        List<FabTool> tools = new ArrayList<>();
        boolean found = false;
        for (int g = 0; g < groups.size(); g++) {
            ToolGroup toolGroup = groups.get(g);
            if (group != null && !group.equals(toolGroup.name())) {
                continue;
            }
            found = true;
            for (int k = 0; k < toolGroup.tools(); k++) {
                tools.add(toolView(g, k));
            }
        }
        if (!found && group != null) {
            throw ModelRejection.unknown("no tool group " + group);
        }
        return tools;
    }

    /** One tool by its id. @throws ModelRejection (unknown entity) for a tool the fab does not have */
    public FabTool tool(String toolId) {
        int t = toolNumber(toolId);
        int g = simulation.groupOf(t);
        return toolView(g, t - simulation.firstToolOf(g));
    }

    private FabTool toolView(int g, int k) {
        ToolGroup group = definition.toolGroups().get(g);
        int t = simulation.firstToolOf(g) + k;
        return new FabTool(
                FabTool.idOf(group.name(), k),
                group.name(),
                group.area(),
                simulation.toolState(t),
                simulation.overridden(t));
    }

    /**
     * What the tools of each area draw now, MW: every tool's idle load plus the productive load of
     * those processing (the facility load belongs to no area, so the areas sum to less than the draw).
     */
    public Map<String, Double> drawByAreaMw() {
        Map<String, Double> byArea = new LinkedHashMap<>();
        List<ToolGroup> groups = definition.toolGroups();
        for (int g = 0; g < groups.size(); g++) {
            ToolGroup group = groups.get(g);
            int productive = simulation.toolStates(g)[ToolState.PRODUCTIVE.ordinal()];
            double watts = group.tools() * group.idleWatts() + productive * group.productiveWatts();
            byArea.merge(group.area(), Units.megawatts(watts), Double::sum);
        }
        return byArea;
    }

    /** Raw process time of a lot of {@code wafers} of {@code product}, seconds; empty for an unknown product. */
    public Optional<Double> rawProcessSeconds(String product, int wafers) {
        return definition.products().stream()
                .filter(p -> p.name().equals(product))
                .findFirst()
                .map((Product p) -> p.rawProcessSeconds(wafers));
    }

    public FabPower power() {
        double demand = Units.megawatts(simulation.demandWatts());
        double draw = Units.megawatts(simulation.drawWatts());
        double floor = Units.megawatts(simulation.floorWatts());
        double speed = demand > floor ? Math.max(0, Math.min(1, (draw - floor) / (demand - floor))) : 1;
        // the tools' loads are running sums: rounding must not put the floor above the demand
        return new FabPower(demand, draw, Math.min(floor, demand), budget == null ? null : budget.capMw(), speed);
    }

    /**
     * Takes the grid's settlement of an interval: its carbon is split over the lots that used the
     * fab's energy since the previous one. A replay of an interval already settled changes nothing.
     */
    public boolean settleEnergy(LotEnergyLedger.Settlement settlement) {
        if (settlement == null || settlement.from() == null || settlement.to() == null) {
            throw ModelRejection.invalid("a settlement needs its interval");
        }
        return energy.settle(settlement);
    }

    /** The energy and carbon booked to lots (read-only use). */
    public LotEnergyLedger energy() {
        return energy;
    }

    public Optional<PowerBudget> budget() {
        return Optional.ofNullable(budget);
    }

    public Optional<Instant> now() {
        return origin == null ? Optional.empty() : Optional.of(instantOf(simulation.now()));
    }

    /**
     * What a forecast forks from: a copy of the simulation's state now (call it under the state
     * lock; the copy shares nothing with the live model) and the settings to rebuild it with.
     *
     * @throws IllegalStateException before the fab started
     */
    public FabForecaster.ForkPoint forkPoint() {
        if (origin == null) {
            throw new IllegalStateException("the fab is not started");
        }
        return new FabForecaster.ForkPoint(
                definition, yield, lineScrapShare, simulation.state(), instantOf(simulation.now()));
    }

    public FabDefinition definition() {
        return definition;
    }

    public YieldSettings yieldSettings() {
        return yield;
    }

    /** The simulation itself, for read-only views (tool states, queues, utilization). */
    public FabSimulation simulation() {
        return simulation;
    }

    public long wafersStarted() {
        return simulation.totals().wafersStarted();
    }

    public long wafersOut() {
        return simulation.totals().wafersOut();
    }

    public long wafersScrapped() {
        return simulation.totals().wafersScrapped();
    }

    public long wafersInProcess() {
        return simulation.totals().wafersInProcess();
    }

    public long lotsInProcess() {
        return simulation.totals().lotsInProcess();
    }

    public long lotsOut() {
        return simulation.totals().lotsOut();
    }

    public long lotsScrapped() {
        return simulation.totals().lotsScrapped();
    }

    public boolean conserved() {
        return simulation.conserved();
    }

    /** Mean release-to-wafer-out time of the lots that left the line good; empty before the first. */
    public Optional<Duration> meanCycleTime() {
        return lotsOutTimed == 0
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.round(cycleTimeSecondsOfLotsOut / lotsOutTimed * 1e9)));
    }

    public LiveFabState state() {
        return new LiveFabState(
                origin,
                budget,
                cycleTimeSecondsOfLotsOut,
                lotsOutTimed,
                simulation.state(),
                new TreeMap<>(lastToolReportAt),
                energy.state());
    }

    /** Replaces the fab by a saved state; refuses one of another fab or breaking conservation, leaving the fab as it was. */
    public void restore(LiveFabState state) {
        simulation.restore(state.simulation());
        energy.restore(state.energy());
        origin = state.origin();
        budget = state.budget();
        cycleTimeSecondsOfLotsOut = state.cycleTimeSecondsOfLotsOut();
        lotsOutTimed = state.lotsOutTimed();
        lastToolReportAt.clear();
        if (state.lastToolReportAt() != null) {
            state.lastToolReportAt().forEach((tool, at) -> {
                if (toolNumbers.containsKey(tool)) { // a tool no longer in the fab's definition has no order to keep
                    lastToolReportAt.put(tool, at);
                }
            });
        }
    }

    private double secondsOf(Instant at) {
        return Duration.between(origin, at).toNanos() / 1e9;
    }

    private Instant instantOf(double seconds) {
        return origin.plusNanos(Math.round(seconds * 1e9));
    }
}
