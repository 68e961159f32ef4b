package io.terafab.power.domain;

import io.terafab.platform.model.ModelRejection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The campus grid, balanced every tick.
 *
 * <p>A tick settles the interval since the previous one: meter readings due by then are applied;
 * every source offers what it can deliver (the grid its import limit, each turbine its capacity
 * within its ramp, each solar plant the sun or its meter) and every battery what its power limits
 * and state-of-charge bounds allow; the {@link PriorityPolicy} splits that available supply into
 * budgets; {@link MeritOrderDispatch} sets the sources and batteries to serve what the budgets
 * allow of the demand; the batteries' energy moves, and energy, cost and carbon are booked per load.
 *
 * <p>Every change either applies completely or throws {@link ModelRejection} having changed
 * nothing. Invariants of every {@link Dispatch}: generation = served + battery charge - battery
 * discharge; curtailed = demand - served &gt;= 0; base load served plus caps never exceed what is
 * available; no battery leaves its state-of-charge bounds; no source exceeds its limit or ramp.
 */
public final class GridBalance {

    private final GridSettings settings;
    private final Map<String, ConsumerLoad> consumers = new LinkedHashMap<>();
    private final List<GasTurbine> turbines = new ArrayList<>();
    private final List<SolarPlant> solarPlants = new ArrayList<>();
    private final List<Battery> batteries = new ArrayList<>();
    private final Map<String, GasTurbine> turbineById = new LinkedHashMap<>();
    private final Map<String, SolarPlant> solarById = new LinkedHashMap<>();
    private final Map<String, Battery> batteryById = new LinkedHashMap<>();
    private final Set<String> openBreakers = new TreeSet<>();
    private final MeterInbox meters = new MeterInbox();
    private final EnergyLedger ledger;
    private final GridHistory history;
    private double importCapMw;
    private long ticks;
    private Instant lastTickAt;
    private Dispatch lastDispatch;
    private IntervalSettlement lastSettlement;

    public GridBalance(GridSettings settings) {
        this.settings = settings;
        this.importCapMw = settings.importCapMw();
        settings.consumers().forEach(c -> consumers.put(c, new ConsumerLoad()));
        settings.gasTurbines().forEach(spec -> {
            GasTurbine t = new GasTurbine(spec);
            turbines.add(t);
            turbineById.put(spec.id(), t);
        });
        for (int i = 0; i < settings.solarPlants().size(); i++) {
            SolarPlant p = new SolarPlant(settings.solarPlants().get(i), i);
            solarPlants.add(p);
            solarById.put(p.spec().id(), p);
        }
        settings.batteries().forEach(spec -> {
            Battery b = new Battery(spec);
            batteries.add(b);
            batteryById.put(spec.id(), b);
        });
        this.ledger = new EnergyLedger(settings.consumers());
        this.history = new GridHistory(settings.historyWindow(), settings.historyMaxPoints());
    }

    /** Records a consumer's latest demand and draw, with no floor: it can shed all its load. */
    public void recordDraw(String consumer, double demandMw, double drawMw, Instant at) {
        recordDraw(consumer, demandMw, drawMw, null, at);
    }

    /**
     * Records a consumer's latest demand, draw and floor (the least it can draw without stopping,
     * served first when supply is short; {@code null} for none). A reading older than the
     * consumer's latest is refused ({@link ModelRejection.Kind#OUT_OF_ORDER}): Kafka keeps a
     * consumer's readings in order, so a late one is a replay or a clock problem upstream, never
     * something to apply. One at the same instant as the latest replaces it.
     */
    public void recordDraw(String consumer, double demandMw, double drawMw, Double floorMw, Instant at) {
        ConsumerLoad load = consumers.get(consumer);
        if (load == null) {
            throw new ModelRejection(
                    ModelRejection.Kind.UNKNOWN_ENTITY,
                    "unknown consumer " + consumer + " (known: " + consumers.keySet() + ")");
        }
        if (!Figures.isValidMw(demandMw) || !Figures.isValidMw(drawMw)) {
            throw ModelRejection.invalid(
                    "demand and draw must be finite numbers of MW >= 0, were " + demandMw + " and " + drawMw);
        }
        if (floorMw != null && !(Figures.isValidMw(floorMw) && floorMw <= demandMw)) {
            throw ModelRejection.invalid(
                    "floor must be a finite number of MW in [0, demand " + demandMw + "], was " + floorMw);
        }
        if (at == null) {
            throw ModelRejection.invalid("a reading needs its simulated time");
        }
        if (load.isOlderThanLatest(at)) {
            throw ModelRejection.outOfOrder("reading of " + consumer + " at " + at
                    + " is older than the latest applied, at " + load.lastReadingAt());
        }
        load.apply(demandMw, drawMw, floorMw == null ? 0 : floorMw, at);
    }

    /** Changes what the utility connection may import, from the next tick on. */
    public void setImportCap(double capMw) {
        if (!Figures.isValidMw(capMw)) {
            throw ModelRejection.invalid("import cap must be a finite number of MW >= 0, was " + capMw);
        }
        importCapMw = capMw;
    }

    /**
     * Accepts a meter reading, to apply from the first tick at or after its time. A reading of an
     * asset the campus does not have, of a quantity the asset does not have, out of the asset's
     * range, or older than a reading of the same asset and quantity already accepted is rejected
     * and changes nothing.
     */
    public void recordMeterReading(MeterReading reading) {
        validate(reading);
        meters.accept(reading);
    }

    private void validate(MeterReading r) {
        if (r == null || r.quantity() == null || r.at() == null || r.asset() == null) {
            throw ModelRejection.invalid("a meter reading needs its asset, quantity and simulated time");
        }
        String asset = r.asset();
        boolean known = GridSettings.GRID.equals(asset)
                || turbineById.containsKey(asset)
                || solarById.containsKey(asset)
                || batteryById.containsKey(asset);
        if (!known) {
            throw new ModelRejection(
                    ModelRejection.Kind.UNKNOWN_ENTITY,
                    "unknown asset " + asset + ": not '"
                            + GridSettings.GRID + "' nor one of the " + turbines.size() + " gas turbines, "
                            + solarPlants.size() + " solar plants, " + batteries.size() + " batteries");
        }
        double v = r.value();
        if (!Double.isFinite(v) || v < 0) {
            throw ModelRejection.invalid(
                    r.quantity().code() + " of " + asset + " must be a finite number >= 0, was " + v);
        }
        switch (r.quantity()) {
            case SOLAR_OUTPUT -> {
                SolarPlant plant = solarById.get(asset);
                if (plant == null) {
                    throw ModelRejection.invalid(
                            asset + " is not a solar plant; solar-output readings are of solar plants");
                }
                if (v > plant.spec().nameplateMw()) {
                    throw ModelRejection.invalid("solar output of " + asset + " out of range: " + v
                            + " MW is above its nameplate " + plant.spec().nameplateMw() + " MW");
                }
            }
            case GRID_IMPORT_LIMIT -> {
                if (!GridSettings.GRID.equals(asset)) {
                    throw ModelRejection.invalid(
                            asset + " is not the grid connection; grid-import-limit readings are of '"
                                    + GridSettings.GRID + "'");
                }
            }
            case BATTERY_SOC -> {
                Battery battery = batteryById.get(asset);
                if (battery == null) {
                    throw ModelRejection.invalid(asset + " is not a battery; battery-soc readings are of batteries");
                }
                BatterySpec spec = battery.spec();
                if (v < spec.socMin() || v > spec.socMax()) {
                    throw ModelRejection.invalid("state of charge of " + asset + " out of range: " + v + " is outside ["
                            + spec.socMin() + ", " + spec.socMax() + "]");
                }
            }
            case BREAKER -> {
                if (v != 0 && v != 1) {
                    throw ModelRejection.invalid("breaker of " + asset + " must read 0 (open) or 1 (closed), was " + v);
                }
            }
        }
    }

    /**
     * Applies the meter readings due, settles the interval since the previous tick, and issues the
     * budgets; the dispatch is also kept as the latest.
     */
    public Dispatch tick(Instant now) {
        for (MeterReading reading : meters.takeDue(now)) {
            apply(reading);
            meters.applied(reading, now);
        }
        Plan plan = plan(now);
        Dispatch dispatch = plan.dispatch();
        double[] out = plan.setPoints().outputMw();
        for (int i = 0; i < turbines.size(); i++) {
            turbines.get(i).set(out[1 + i]);
        }
        Map<String, LoadTotals> before = new LinkedHashMap<>(ledger.all());
        book(plan);
        lastSettlement = lastTickAt == null || !now.isAfter(lastTickAt)
                ? null
                : IntervalSettlement.between(lastTickAt, now, before, ledger.all());
        lastTickAt = now;
        ticks++;
        lastDispatch = dispatch;
        history.add(dispatch);
        return dispatch;
    }

    /** The dispatch a tick at {@code now} would issue, without issuing it (readings not yet applied stay so). */
    public Dispatch balanceAt(Instant now) {
        return plan(now).dispatch();
    }

    private void apply(MeterReading r) {
        switch (r.quantity()) {
            case SOLAR_OUTPUT -> solarById.get(r.asset()).measure(new MeasuredOutput(r.value(), r.at()));
            case GRID_IMPORT_LIMIT -> importCapMw = r.value();
            case BATTERY_SOC -> {
                Battery battery = batteryById.get(r.asset());
                double costBefore = battery.storedCostUsd();
                double carbonBefore = battery.storedCarbonTonnes();
                battery.measure(r.value());
                ledger.remeasured(battery.storedCostUsd() - costBefore, battery.storedCarbonTonnes() - carbonBefore);
            }
            case BREAKER -> {
                if (r.value() == 0) {
                    openBreakers.add(r.asset());
                } else {
                    openBreakers.remove(r.asset());
                }
            }
        }
    }

    /** The set points and budgets of a tick at {@code now}, computed from the state without changing it. */
    private Plan plan(Instant now) {
        double intervalSeconds = lastTickAt == null || now.isBefore(lastTickAt)
                ? 0
                : Duration.between(lastTickAt, now).toNanos() / 1e9;
        double intervalHours = intervalSeconds / 3600;

        List<SourceOffer> offers = new ArrayList<>(1 + turbines.size() + solarPlants.size());
        TimeOfUseTariff tariff = settings.tariff();
        offers.add(new SourceOffer(
                GridSettings.GRID,
                SourceKind.GRID,
                0,
                isOpen(GridSettings.GRID) ? 0 : importCapMw,
                tariff.priceAt(now),
                tariff.carbonAt(now),
                false));
        for (GasTurbine t : turbines) {
            offers.add(t.offer(intervalSeconds, isOpen(t.spec().id())));
        }
        for (SolarPlant p : solarPlants) {
            offers.add(p.offer(
                    now,
                    settings.solarSite(),
                    settings.meterValidity(),
                    isOpen(p.spec().id())));
        }
        List<BatteryOffer> storage = new ArrayList<>(batteries.size());
        for (Battery b : batteries) {
            storage.add(b.offer(intervalHours, isOpen(b.spec().id())));
        }

        double available = 0;
        for (SourceOffer o : offers) {
            available += o.availableMw();
        }
        for (BatteryOffer o : storage) {
            available += o.maxDischargeMw();
        }

        List<String> names = settings.consumers();
        double[] demands = new double[names.size()];
        double[] floors = new double[names.size()];
        for (int i = 0; i < demands.length; i++) {
            demands[i] = consumers.get(names.get(i)).demandMw();
            floors[i] = consumers.get(names.get(i)).floorMw();
        }
        BudgetAllocation allocation =
                settings.policy().allocate(settings.campusBaseLoadMw(), demands, floors, available);
        DispatchPlan setPoints =
                MeritOrderDispatch.dispatch(offers, storage, allocation.totalServedMw(), settings.meritOrder());
        if (setPoints.deficitMw() > 0) {
            allocation.serveLess(setPoints.deficitMw(), settings.policy());
        }

        double costRate = 0;
        double carbonRate = 0;
        List<SourceDispatch> sources = new ArrayList<>(offers.size());
        for (int i = 0; i < offers.size(); i++) {
            SourceOffer o = offers.get(i);
            double mw = setPoints.outputMw()[i];
            costRate += mw * o.costPerMwh();
            carbonRate += mw * o.carbonTonnesPerMwh();
            boolean measured =
                    o.kind() == SourceKind.SOLAR && solarById.get(o.id()).measuredAt(now, settings.meterValidity());
            sources.add(new SourceDispatch(
                    o.id(),
                    o.kind(),
                    o.availableMw(),
                    mw,
                    o.costPerMwh(),
                    o.carbonTonnesPerMwh(),
                    isOpen(o.id()),
                    measured));
        }
        List<BatteryDispatch> stored = new ArrayList<>(batteries.size());
        for (int b = 0; b < batteries.size(); b++) {
            Battery battery = batteries.get(b);
            double c = setPoints.chargeMw()[b];
            double d = setPoints.dischargeMw()[b];
            double energy = battery.energyAfter(c, d, intervalHours);
            stored.add(new BatteryDispatch(
                    battery.spec().id(),
                    c,
                    d,
                    energy,
                    energy / battery.spec().energyMwh(),
                    isOpen(battery.spec().id())));
        }
        List<ConsumerBudget> budgets = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            ConsumerLoad load = consumers.get(names.get(i));
            budgets.add(new ConsumerBudget(
                    names.get(i),
                    load.demandMw(),
                    allocation.capMw(i),
                    allocation.servedMw(i),
                    load.drawMw(),
                    load.staleAt(now, settings.demandTimeout()),
                    load.floorMw()));
        }
        Dispatch dispatch = new Dispatch(
                now,
                now.plus(settings.budgetValidity()),
                intervalSeconds,
                available,
                settings.campusBaseLoadMw(),
                allocation.baseServedMw(),
                budgets,
                sources,
                stored,
                costRate,
                carbonRate);
        return new Plan(dispatch, setPoints, allocation, intervalHours);
    }

    /**
     * Moves the batteries' energy over the interval and books what each load was served. The
     * energy served costs what the sources generating it cost, minus what went into batteries (at
     * the mix's average), plus what the discharged energy cost when it was stored.
     */
    private void book(Plan plan) {
        Dispatch d = plan.dispatch();
        double hours = plan.intervalHours();
        double generation = d.generationMw();
        double costPerMwh = generation > 0 ? d.costRateUsdPerHour() / generation : 0;
        double carbonPerMwh = generation > 0 ? d.carbonRateTonnesPerHour() / generation : 0;
        double fromBatteriesCost = 0;
        double fromBatteriesCarbon = 0;
        double[] charge = plan.setPoints().chargeMw();
        double[] discharge = plan.setPoints().dischargeMw();
        for (int b = 0; b < batteries.size(); b++) {
            Battery.StoredFlow flow = batteries.get(b).run(charge[b], discharge[b], hours, costPerMwh, carbonPerMwh);
            fromBatteriesCost += flow.costUsd();
            fromBatteriesCarbon += flow.carbonTonnes();
        }
        double intoBatteries = d.batteryChargeMw() * hours;
        double servedCost =
                Math.max(0, d.costRateUsdPerHour() * hours - costPerMwh * intoBatteries + fromBatteriesCost);
        double servedCarbon =
                Math.max(0, d.carbonRateTonnesPerHour() * hours - carbonPerMwh * intoBatteries + fromBatteriesCarbon);
        Map<String, Double> served = new LinkedHashMap<>();
        served.put(EnergyLedger.BASE_LOAD, plan.allocation().baseServedMw());
        for (int i = 0; i < settings.consumers().size(); i++) {
            served.put(settings.consumers().get(i), plan.allocation().servedMw(i));
        }
        ledger.book(served, hours, servedCost, servedCarbon);
        ledger.generated(d.costRateUsdPerHour() * hours, d.carbonRateTonnesPerHour() * hours);
    }

    private boolean isOpen(String asset) {
        return openBreakers.contains(asset);
    }

    public double importCapMw() {
        return importCapMw;
    }

    public GridSettings settings() {
        return settings;
    }

    /** The consumers, in the configured order. */
    public Map<String, ConsumerLoad> consumers() {
        return Collections.unmodifiableMap(consumers);
    }

    public long ticks() {
        return ticks;
    }

    /** Simulated time of the latest tick, empty before the first. */
    public Optional<Instant> lastTickAt() {
        return Optional.ofNullable(lastTickAt);
    }

    /** The latest dispatch issued, empty before the first tick (and after a restore, until the next). */
    public Optional<Dispatch> lastDispatch() {
        return Optional.ofNullable(lastDispatch);
    }

    /**
     * What the latest tick booked to each load over the interval it settled; empty before the
     * second tick (the first settles no interval), after a restore until the next tick, and for a
     * tick at the same instant as the one before.
     */
    public Optional<IntervalSettlement> lastSettlement() {
        return Optional.ofNullable(lastSettlement);
    }

    public EnergyLedger ledger() {
        return ledger;
    }

    /** The cost and carbon the batteries hold: what the energy they hold cost when it was stored. */
    public CostAndCarbon storedInBatteries() {
        CostAndCarbon held = CostAndCarbon.ZERO;
        for (Battery b : batteries) {
            held = held.plus(b.storedCostUsd(), b.storedCarbonTonnes());
        }
        return held;
    }

    /** The balance of the recent ticks at or after {@code since}, oldest first. */
    public List<BalancePoint> history(Instant since) {
        return history.since(since);
    }

    /** The latest meter readings applied, oldest first. */
    public List<AppliedReading> recentReadings() {
        return meters.recent();
    }

    /** Meter readings accepted and waiting for their time. */
    public List<MeterReading> pendingReadings() {
        return meters.pending();
    }

    public Set<String> openBreakers() {
        return Collections.unmodifiableSet(openBreakers);
    }

    public GridState state() {
        Map<String, ConsumerLoad.ConsumerLoadState> loads = new LinkedHashMap<>();
        consumers.forEach((name, load) -> loads.put(name, load.state()));
        Map<String, Double> gas = new LinkedHashMap<>();
        turbines.forEach(t -> gas.put(t.spec().id(), t.outputMw()));
        Map<String, GridState.StoredEnergy> stored = new LinkedHashMap<>();
        batteries.forEach(b -> stored.put(
                b.spec().id(), new GridState.StoredEnergy(b.energyMwh(), b.storedCostUsd(), b.storedCarbonTonnes())));
        Map<String, MeasuredOutput> measured = new LinkedHashMap<>();
        solarPlants.stream()
                .filter(p -> p.measured() != null)
                .forEach(p -> measured.put(p.spec().id(), p.measured()));
        return new GridState(
                importCapMw,
                loads,
                ticks,
                lastTickAt,
                gas,
                stored,
                measured,
                List.copyOf(openBreakers),
                meters.pending(),
                meters.latestAccepted(),
                meters.recent(),
                new LinkedHashMap<>(ledger.all()),
                ledger.generated(),
                ledger.remeasured());
    }

    /**
     * Replaces the grid by a snapshot. Consumers and assets no longer configured are dropped; those
     * the snapshot does not know start as configured. The import cap in force is the snapshot's,
     * since operators and meters may have changed it at run time. The latest dispatch is not kept:
     * the next tick issues a new one.
     */
    public void restore(GridState state) {
        if (!Figures.isValidMw(state.importCapMw())) {
            throw new IllegalArgumentException("snapshot import cap is not a valid MW figure: " + state.importCapMw());
        }
        importCapMw = state.importCapMw();
        Map<String, ConsumerLoad.ConsumerLoadState> loads = orEmpty(state.consumers());
        consumers.replaceAll((name, load) -> {
            ConsumerLoad.ConsumerLoadState saved = loads.get(name);
            return saved == null ? new ConsumerLoad() : ConsumerLoad.of(saved);
        });
        ticks = state.ticks();
        lastTickAt = state.lastTickAt();
        Map<String, Double> gas = orEmpty(state.gasOutputsMw());
        for (GasTurbine t : turbines) {
            double mw = gas.getOrDefault(t.spec().id(), 0.0);
            // a turbine whose figures changed restarts within them
            boolean possible = mw == 0
                    || (mw >= t.spec().minStableLoadMw() && mw <= t.spec().capacityMw());
            t.set(possible ? mw : 0);
        }
        Map<String, GridState.StoredEnergy> stored = orEmpty(state.batteries());
        for (Battery b : batteries) {
            GridState.StoredEnergy saved = stored.get(b.spec().id());
            if (saved != null) {
                b.restore(saved.energyMwh(), saved.costUsd(), saved.carbonTonnes());
            }
        }
        Map<String, MeasuredOutput> measured = orEmpty(state.solarMeasured());
        solarPlants.forEach(p -> p.measure(measured.get(p.spec().id())));
        openBreakers.clear();
        if (state.openBreakers() != null) {
            state.openBreakers().stream().filter(this::isAsset).forEach(openBreakers::add);
        }
        List<MeterReading> pending = state.pendingReadings() == null
                ? List.of()
                : state.pendingReadings().stream()
                        .filter(r -> isAsset(r.asset()))
                        .toList();
        meters.restore(
                pending,
                orEmpty(state.latestReadingAt()),
                state.recentReadings() == null ? List.of() : state.recentReadings());
        ledger.restore(orEmpty(state.ledger()), state.generated(), state.remeasured());
        lastDispatch = null;
        lastSettlement = null;
    }

    private boolean isAsset(String id) {
        return GridSettings.GRID.equals(id)
                || turbineById.containsKey(id)
                || solarById.containsKey(id)
                || batteryById.containsKey(id);
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    /** A tick's plan: the dispatch as issued, the set points behind it, and what it serves over which interval. */
    private record Plan(Dispatch dispatch, DispatchPlan setPoints, BudgetAllocation allocation, double intervalHours) {}
}
