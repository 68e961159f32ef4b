package io.terafab.fab.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fab line that releases lots at a start rate and finishes them after a cycle time.
 *
 * <p>Every lot moves along the route at the same pace, {@code (dt / cycleTime) × speedFactor},
 * so lots stay in release order and the most advanced is always the oldest. A lot that reaches the
 * end is scrapped (a seeded draw, see {@link LotScrapDecision}) or becomes a {@link WaferOut}
 * with its good dies split across the speed bins. Releases and finishes are placed at the
 * instant within a step where they happen, so the cycle time and start rate hold exactly whatever
 * the step length.
 *
 * <p>Invariant, checked by {@link #conserved()}: wafers started = out + scrapped + in process.
 * Methods either apply completely or throw having changed nothing.
 */
public final class FabLine {

    // guards floor() against binary rounding, so 25 wafers × 64 dies × 0.6 gives 960 good dies, not 959
    private static final double ROUNDING_GUARD = 1e-9;

    private final FabLineSettings settings;
    private final LotScrapDecision scrap;

    private final Deque<Lot> lots = new ArrayDeque<>();
    private Instant now;
    private long nextLotNumber = 1;
    private double releaseCarryWafers;
    private long wafersStarted;
    private long wafersOut;
    private long wafersScrapped;
    private long lotsOut;
    private long lotsScrapped;
    private double cycleTimeSecondsOfLotsOut;
    private PowerBudget budget;

    public FabLine(FabLineSettings settings) {
        this.settings = settings;
        this.scrap = new LotScrapDecision(settings.seed(), settings.lineScrapRate());
    }

    /**
     * Starts the line at {@code at}; a no-op if it was started before (or restored). A line that
     * is empty and never started any wafer is pre-loaded with its steady-state work in process,
     * spread evenly along the cycle time (as the SMT2020 testbed's WIP.txt does), so wafer-outs
     * begin at once instead of after a full cycle time; those wafers count as started.
     *
     * @return whether the line was pre-loaded
     */
    public boolean start(Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("start time is required");
        }
        if (now != null) {
            return false;
        }
        now = at;
        if (wafersStarted > 0 || !lots.isEmpty()) {
            return false;
        }
        int count = (int) Math.round(settings.steadyStateWipWafers() / settings.wafersPerLot());
        for (int k = count - 1; k >= 0; k--) {
            double progress = (k + 0.5) / count;
            release(at.minusNanos(Math.round(progress * settings.cycleTime().toNanos())), progress);
        }
        return count > 0;
    }

    public boolean started() {
        return now != null;
    }

    /**
     * Moves the line to {@code to}: releases lots at the start rate, moves every lot by
     * {@code (dt / cycleTime) × speedFactor} and finishes those that reach the end. Gaps longer
     * than the settings' max step (a restart) are advanced in steps of at most that length. A
     * {@code to} not after the line's time changes nothing.
     *
     * @param speedFactor in [0, 1], usually {@link #power()}'s
     * @return the lots that left the line good, in finishing order
     */
    public List<WaferOut> advance(Instant to, double speedFactor) {
        if (now == null) {
            throw new IllegalStateException("the line is not started");
        }
        if (!(speedFactor >= 0 && speedFactor <= 1)) {
            throw new IllegalArgumentException("speed factor must be in [0, 1], was " + speedFactor);
        }
        if (to == null || !to.isAfter(now)) {
            return List.of();
        }
        List<WaferOut> out = new ArrayList<>();
        while (now.isBefore(to)) {
            Instant stepEnd = now.plus(settings.maxStep());
            if (stepEnd.isAfter(to)) {
                stepEnd = to;
            }
            step(now, stepEnd, speedFactor, out);
            now = stepEnd;
        }
        return out;
    }

    private void step(Instant from, Instant to, double speedFactor, List<WaferOut> out) {
        double dt = Duration.between(from, to).toNanos() / 1e9;
        double delta = dt / settings.cycleTimeSeconds() * speedFactor;
        if (delta > 0) {
            for (Lot lot : lots) {
                lot.progress += delta;
            }
            while (!lots.isEmpty() && lots.peekFirst().progress >= 1) {
                Lot lot = lots.pollFirst();
                // the share of this step the lot still needed when the step began
                double needed = Math.min(1, Math.max(0, (1 - (lot.progress - delta)) / delta));
                finish(lot, plusSeconds(from, needed * dt), out);
            }
        }
        releaseDuring(from, dt, speedFactor);
    }

    /** Releases the lots the start rate accrues during a step, each at the instant its last wafer accrued. */
    private void releaseDuring(Instant from, double dt, double speedFactor) {
        double rate = settings.startRatePerSecond();
        int perLot = settings.wafersPerLot();
        double elapsed = 0;
        double carry = releaseCarryWafers;
        while (carry + rate * (dt - elapsed) >= perLot) {
            elapsed = Math.min(dt, elapsed + Math.max(0, (perLot - carry) / rate));
            carry = 0;
            release(plusSeconds(from, elapsed), (dt - elapsed) / settings.cycleTimeSeconds() * speedFactor);
        }
        releaseCarryWafers = carry + rate * (dt - elapsed);
    }

    private void release(Instant startedAt, double progress) {
        Lot lot = new Lot(String.format("LOT-%08d", nextLotNumber++), settings.wafersPerLot(), startedAt, progress);
        lots.addLast(lot);
        wafersStarted += lot.wafers;
    }

    private void finish(Lot lot, Instant finishedAt, List<WaferOut> out) {
        if (scrap.scraps(lot.id)) {
            wafersScrapped += lot.wafers;
            lotsScrapped++;
            return;
        }
        wafersOut += lot.wafers;
        lotsOut++;
        cycleTimeSecondsOfLotsOut += Duration.between(lot.startedAt, finishedAt).toNanos() / 1e9;
        out.add(new WaferOut(lot.id, settings.product(), lot.wafers, goodDiesByBin(lot.wafers), lot.startedAt,
                finishedAt));
    }

    /** {@code floor(wafers × grossDies × dieYield)} split by the bin shares, the remainder to the last bin. */
    Map<String, Integer> goodDiesByBin(int wafers) {
        int goodDies = (int) Math.floor((double) wafers * settings.grossDiesPerWafer() * settings.dieYield() + ROUNDING_GUARD);
        Map<String, Integer> byBin = new LinkedHashMap<>();
        int assigned = 0;
        List<String> bins = settings.bins();
        for (int i = 0; i < bins.size() - 1; i++) {
            int dies = (int) Math.floor(goodDies * settings.binShares().get(i) + ROUNDING_GUARD);
            byBin.put(bins.get(i), dies);
            assigned += dies;
        }
        byBin.put(bins.get(bins.size() - 1), goodDies - assigned);
        return Collections.unmodifiableMap(byBin);
    }

    /** Takes the grid's cap; it holds until the next budget. */
    public void applyBudget(PowerBudget newBudget) {
        if (newBudget == null) {
            throw new FabRejection("budget is required");
        }
        budget = newBudget;
    }

    /** Demand, draw and speed now, from the work in process and the last budget. */
    public FabPower power() {
        return FabPower.of(settings.fullPowerMw(), settings.idlePowerShare(), wafersInProcess(),
                settings.steadyStateWipWafers(), budget == null ? null : budget.capMw());
    }

    public Optional<PowerBudget> budget() {
        return Optional.ofNullable(budget);
    }

    /** Simulated time the line has been advanced to; empty before the start. */
    public Optional<Instant> now() {
        return Optional.ofNullable(now);
    }

    public FabLineSettings settings() {
        return settings;
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
        long wafers = 0;
        for (Lot lot : lots) {
            wafers += lot.wafers;
        }
        return wafers;
    }

    public int lotsInProcess() {
        return lots.size();
    }

    public long lotsOut() {
        return lotsOut;
    }

    public long lotsScrapped() {
        return lotsScrapped;
    }

    /** Mean release-to-wafer-out time of the lots that left the line good; empty before the first. */
    public Optional<Duration> meanCycleTime() {
        if (lotsOut == 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.round(cycleTimeSecondsOfLotsOut / lotsOut * 1e9)));
    }

    /** Up to {@code limit} lots in process, most advanced first. */
    public List<LotProgress> lots(int limit) {
        return lots.stream().limit(Math.max(0, limit)).map(Lot::view).toList();
    }

    /** Wafers started = out + scrapped + in process, no count negative. */
    public boolean conserved() {
        long inProcess = wafersInProcess();
        return wafersStarted == wafersOut + wafersScrapped + inProcess
                && wafersStarted >= 0 && wafersOut >= 0 && wafersScrapped >= 0;
    }

    public FabState state() {
        return new FabState(now, lots(Integer.MAX_VALUE), nextLotNumber, releaseCarryWafers, wafersStarted, wafersOut,
                wafersScrapped, lotsOut, lotsScrapped, cycleTimeSecondsOfLotsOut, budget);
    }

    /** Replaces the line by a saved state; refuses a state that breaks conservation, leaving the line as it was. */
    public void restore(FabState state) {
        long inProcess = state.lots().stream().mapToLong(LotProgress::wafers).sum();
        if (state.wafersStarted() != state.wafersOut() + state.wafersScrapped() + inProcess) {
            throw new IllegalArgumentException("snapshot breaks conservation: started " + state.wafersStarted()
                    + " != out " + state.wafersOut() + " + scrapped " + state.wafersScrapped() + " + in process "
                    + inProcess);
        }
        lots.clear();
        state.lots().forEach(l -> lots.addLast(new Lot(l.lotId(), l.wafers(), l.startedAt(), l.progress())));
        now = state.now();
        nextLotNumber = state.nextLotNumber();
        releaseCarryWafers = state.releaseCarryWafers();
        wafersStarted = state.wafersStarted();
        wafersOut = state.wafersOut();
        wafersScrapped = state.wafersScrapped();
        lotsOut = state.lotsOut();
        lotsScrapped = state.lotsScrapped();
        cycleTimeSecondsOfLotsOut = state.cycleTimeSecondsOfLotsOut();
        budget = state.budget();
    }

    private static Instant plusSeconds(Instant from, double seconds) {
        return from.plusNanos(Math.round(seconds * 1e9));
    }

    /** A lot in process; only its progress changes. */
    private static final class Lot {

        final String id;
        final int wafers;
        final Instant startedAt;
        double progress;

        Lot(String id, int wafers, Instant startedAt, double progress) {
            this.id = id;
            this.wafers = wafers;
            this.startedAt = startedAt;
            this.progress = progress;
        }

        LotProgress view() {
            return new LotProgress(id, wafers, startedAt, progress);
        }
    }
}
