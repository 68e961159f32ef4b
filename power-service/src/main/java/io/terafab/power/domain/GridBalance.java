package io.terafab.power.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The campus grid balanced every tick: supply is the import cap plus on-site generation; the
 * campus base load is served first, then the consumers in priority order each get what they ask
 * for while supply lasts, and what is left is shared in proportion to demand so a consumer can
 * grow before the next tick.
 *
 * <p>Every change either applies completely or throws {@link GridRejection} having changed
 * nothing. Invariants of every {@link Dispatch}: caps plus base load served never exceed what is
 * available; a consumer is only curtailed when every consumer before it got its whole demand and
 * every consumer after it got nothing.
 */
public final class GridBalance {

    private final GridSettings settings;
    private final Map<String, ConsumerLoad> consumers = new LinkedHashMap<>();
    private double importCapMw;
    private long ticks;
    private Dispatch lastDispatch;

    public GridBalance(GridSettings settings) {
        this.settings = settings;
        this.importCapMw = settings.importCapMw();
        settings.consumersByPriority().forEach(c -> consumers.put(c, new ConsumerLoad()));
    }

    /**
     * Records a consumer's latest demand and draw. A reading older than the consumer's latest is
     * ignored and counted: Kafka keeps a consumer's readings in order, so a late one is a replay
     * or a clock problem upstream, never something to apply.
     */
    public DrawOutcome recordDraw(String consumer, double demandMw, double drawMw, Instant at) {
        ConsumerLoad load = consumers.get(consumer);
        if (load == null) {
            throw new GridRejection(GridRejection.Kind.UNKNOWN_ENTITY,
                    "unknown consumer " + consumer + " (known: " + consumers.keySet() + ")");
        }
        if (!GridSettings.isValidMw(demandMw) || !GridSettings.isValidMw(drawMw)) {
            throw GridRejection.invalid("demand and draw must be finite numbers of MW >= 0, were "
                    + demandMw + " and " + drawMw);
        }
        if (at == null) {
            throw GridRejection.invalid("a reading needs its simulated time");
        }
        if (load.isOlderThanLatest(at)) {
            load.countOutOfOrder();
            return DrawOutcome.OUT_OF_ORDER;
        }
        load.apply(demandMw, drawMw, at);
        return DrawOutcome.APPLIED;
    }

    /** Changes what the utility connection may import, from the next tick on. */
    public void setImportCap(double capMw) {
        if (!GridSettings.isValidMw(capMw)) {
            throw GridRejection.invalid("import cap must be a finite number of MW >= 0, was " + capMw);
        }
        importCapMw = capMw;
    }

    /** Balances the grid at {@code now} and issues the budgets; they are also kept as the latest dispatch. */
    public Dispatch tick(Instant now) {
        lastDispatch = balanceAt(now);
        ticks++;
        return lastDispatch;
    }

    /** The dispatch a tick at {@code now} would issue, without issuing it. */
    public Dispatch balanceAt(Instant now) {
        double available = availableMw();
        double baseServed = Math.min(settings.campusBaseLoadMw(), available);
        double remaining = available - baseServed;

        // priority pass: each consumer in turn gets its demand while supply lasts
        List<String> names = settings.consumersByPriority();
        double[] caps = new double[names.size()];
        double totalDemand = 0;
        for (int i = 0; i < caps.length; i++) {
            double demand = consumers.get(names.get(i)).demandMw();
            caps[i] = Math.min(demand, remaining);
            remaining = Math.max(0, remaining - caps[i]);
            totalDemand += demand;
        }
        shareHeadroom(caps, names, remaining, totalDemand);

        List<ConsumerBudget> budgets = new ArrayList<>(caps.length);
        for (int i = 0; i < caps.length; i++) {
            ConsumerLoad load = consumers.get(names.get(i));
            budgets.add(new ConsumerBudget(names.get(i), load.demandMw(), caps[i], load.drawMw(),
                    load.staleAt(now, settings.demandTimeout())));
        }
        return new Dispatch(now, now.plus(settings.budgetValidity()), available, settings.campusBaseLoadMw(),
                baseServed, budgets);
    }

    /**
     * Adds the supply left after every demand was met to the caps, in proportion to demand (evenly
     * when nobody asks for anything). Whatever floating-point rounding adds is taken off the last
     * share, so the caps never sum above the supply.
     */
    private void shareHeadroom(double[] caps, List<String> names, double headroom, double totalDemand) {
        if (headroom <= 0) {
            return;
        }
        double left = headroom;
        for (int i = 0; i < caps.length; i++) {
            double share;
            if (i == caps.length - 1) {
                share = left;
            } else if (totalDemand > 0) {
                share = Math.min(left, headroom * consumers.get(names.get(i)).demandMw() / totalDemand);
            } else {
                share = Math.min(left, headroom / caps.length);
            }
            caps[i] += share;
            left = Math.max(0, left - share);
        }
    }

    public double availableMw() {
        return importCapMw + settings.onsiteGenerationMw();
    }

    public double importCapMw() {
        return importCapMw;
    }

    public GridSettings settings() {
        return settings;
    }

    /** The consumers, highest priority first. */
    public Map<String, ConsumerLoad> consumers() {
        return Collections.unmodifiableMap(consumers);
    }

    public long ticks() {
        return ticks;
    }

    /** The latest dispatch issued, empty before the first tick. */
    public Optional<Dispatch> lastDispatch() {
        return Optional.ofNullable(lastDispatch);
    }

    public GridState state() {
        Map<String, ConsumerLoad.ConsumerLoadState> loads = new LinkedHashMap<>();
        consumers.forEach((name, load) -> loads.put(name, load.state()));
        return new GridState(importCapMw, loads, ticks, lastDispatch);
    }

    /**
     * Replaces the grid by a snapshot. Consumers no longer configured are dropped; consumers the
     * snapshot does not know start idle. The import cap in force is the snapshot's, since operators
     * may have changed it at run time.
     */
    public void restore(GridState state) {
        if (!GridSettings.isValidMw(state.importCapMw())) {
            throw new IllegalArgumentException("snapshot import cap is not a valid MW figure: " + state.importCapMw());
        }
        importCapMw = state.importCapMw();
        consumers.replaceAll((name, load) -> {
            ConsumerLoad.ConsumerLoadState saved = state.consumers().get(name);
            return saved == null ? new ConsumerLoad() : ConsumerLoad.of(saved);
        });
        ticks = state.ticks();
        // a dispatch for other consumers than the configured ones is not shown; the next tick replaces it
        Dispatch saved = state.lastDispatch();
        boolean sameConsumers = saved != null && saved.budgets().stream().map(ConsumerBudget::consumer).toList()
                .equals(settings.consumersByPriority());
        lastDispatch = sameConsumers ? saved : null;
    }
}
