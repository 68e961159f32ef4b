package io.terafab.fab.domain.carbon;

import io.terafab.contract.Shares;
import io.terafab.fab.simulation.LotEnergyMeter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fab's energy and carbon, booked to lots in whole units.
 *
 * <p><b>Energy</b> (watt-hours): each tick, the fab's draw integrated over the tick, rounded as a
 * running total ({@link Shares#step}), is split over the lots by what the {@link LotEnergyMeter}
 * attributed to each (busy power x process time, plus the idle and facility share by wafer-time);
 * what no lot could take is the fab's unallocated energy. So, exactly, at every instant:
 * {@code energy booked to lots + unallocated == fab energy drawn}.
 *
 * <p><b>Carbon</b> (grams of CO2e): the grid settles each dispatch interval with the fab (the carbon of
 * the energy it served it, at that interval's mix). The grams are split over what the fab booked since
 * the previous settlement, by watt-hours: each lot still in the line gets its share, and the share of
 * the fab's unallocated energy, and of lots that left the line since (their wafer-outs are published),
 * stays with the fab as unallocated carbon. So, exactly: {@code carbon booked to lots + unallocated ==
 * carbon the grid settled with the fab}.
 *
 * <p>A settlement that ends no later than the last one applied is a replay (a restarted grid re-issuing
 * a dispatch) and changes nothing.
 */
public final class LotEnergyLedger {

    private static final double JOULES_PER_WH = 3600;

    private double drawnJoules;
    private long drawnWh;
    private long lotsWh;
    private long unallocatedWh;
    private long lotsCarbonGrams;
    private long unallocatedCarbonGrams;
    private long settledWh;
    private long settledCarbonGrams;
    private long settlements;
    private Instant settledThrough;
    private double gramsPerKwh;
    private final Map<String, LotAccount> inLine = new TreeMap<>();
    private final Map<String, Long> pendingWh = new TreeMap<>();
    private long pendingUnallocatedWh;
    private final OutTotals out = new OutTotals();

    /**
     * What a lot has been booked.
     *
     * @param energyWh its energy
     * @param carbonGrams its carbon, as settled so far
     */
    public record LotAccount(long energyWh, long carbonGrams) {

        static final LotAccount NONE = new LotAccount(0, 0);

        LotAccount plus(long wh, long grams) {
            return new LotAccount(energyWh + wh, carbonGrams + grams);
        }
    }

    /**
     * One interval the grid settled with the fab.
     *
     * @param from its start
     * @param to its end
     * @param energyWh energy the grid served the fab over it
     * @param carbonGrams carbon of that energy
     * @param gramsPerKwh the interval's carbon intensity
     */
    public record Settlement(Instant from, Instant to, long energyWh, long carbonGrams, double gramsPerKwh) {}

    /** Books one tick's metered energy. */
    public void book(LotEnergyMeter.Drained tick) {
        double before = drawnJoules;
        drawnJoules += tick.drawnJoules();
        long wh = Shares.step(before / JOULES_PER_WH, drawnJoules / JOULES_PER_WH);
        drawnWh += wh;
        List<String> names = new ArrayList<>(tick.joulesByLot().keySet());
        names.sort(null); // a fixed order: the same tick splits the same way after a restart
        double[] weights = new double[names.size() + 1];
        double attributed = 0;
        for (int i = 0; i < names.size(); i++) {
            weights[i] = Math.max(0, tick.joulesByLot().get(names.get(i)));
            attributed += weights[i];
        }
        // what the meter could give no lot, and any rounding gap between the draw and the lots' sum
        weights[names.size()] = Math.max(tick.unattributedJoules(), tick.drawnJoules() - attributed);
        long[] parts = Shares.split(Math.max(0, wh), weights);
        long toLots = 0;
        for (int i = 0; i < names.size(); i++) {
            if (parts[i] > 0) {
                String lot = names.get(i);
                inLine.merge(lot, LotAccount.NONE.plus(parts[i], 0), (a, b) -> a.plus(b.energyWh(), 0));
                pendingWh.merge(lot, parts[i], Long::sum);
                toLots += parts[i];
            }
        }
        lotsWh += toLots;
        long rest = wh - toLots; // includes Shares.unsplit when there was nothing to weigh
        unallocatedWh += rest;
        pendingUnallocatedWh += rest;
    }

    /**
     * A lot left the line: its account is closed and returned. Its energy since the last settlement
     * will be settled as the fab's (see the class comment).
     */
    public LotAccount lotLeft(String lotId, int wafers, long goodDies, boolean scrapped) {
        LotAccount account = inLine.remove(lotId);
        if (account == null) {
            account = LotAccount.NONE;
        }
        Long pending = pendingWh.remove(lotId);
        if (pending != null) {
            pendingUnallocatedWh += pending;
        }
        if (!scrapped) {
            out.add(wafers, goodDies, account);
        }
        return account;
    }

    /** Applies the grid's settlement of an interval; a replay of one already applied changes nothing. */
    public boolean settle(Settlement s) {
        if (settledThrough != null && !s.to().isAfter(settledThrough)) {
            return false;
        }
        List<String> names = new ArrayList<>(pendingWh.keySet());
        double[] weights = new double[names.size() + 1];
        for (int i = 0; i < names.size(); i++) {
            weights[i] = pendingWh.get(names.get(i));
        }
        weights[names.size()] = pendingUnallocatedWh;
        long[] parts = Shares.split(s.carbonGrams(), weights);
        long toLots = 0;
        for (int i = 0; i < names.size(); i++) {
            long grams = parts[i];
            if (grams > 0) {
                inLine.computeIfPresent(names.get(i), (k, a) -> a.plus(0, grams));
                toLots += grams;
            }
        }
        lotsCarbonGrams += toLots;
        unallocatedCarbonGrams += s.carbonGrams() - toLots;
        pendingWh.clear();
        pendingUnallocatedWh = 0;
        settledWh += s.energyWh();
        settledCarbonGrams += s.carbonGrams();
        settlements++;
        settledThrough = s.to();
        gramsPerKwh = s.gramsPerKwh();
        return true;
    }

    // ---- queries

    /** Everything booked, for REST, metrics and the conservation checks. */
    public Totals totals() {
        return new Totals(
                drawnWh,
                lotsWh,
                unallocatedWh,
                lotsCarbonGrams,
                unallocatedCarbonGrams,
                settledWh,
                settledCarbonGrams,
                settlements,
                settledThrough,
                gramsPerKwh,
                inLine.size(),
                out.lots,
                out.wafers,
                out.goodDies,
                out.energyWh,
                out.carbonGrams);
    }

    /**
     * The ledger's totals.
     *
     * @param drawnWh the fab's energy drawn, integrated from its draw
     * @param lotsWh energy booked to lots (in the line, out or scrapped)
     * @param unallocatedWh energy booked to no lot; {@code lotsWh + unallocatedWh == drawnWh}
     * @param lotsCarbonGrams carbon booked to lots
     * @param unallocatedCarbonGrams carbon booked to no lot; with {@code lotsCarbonGrams} it is {@code settledCarbonGrams}
     * @param settledWh energy the grid settled with the fab (its own meter of the same draw, on its own ticks)
     * @param settledCarbonGrams carbon the grid settled with the fab
     * @param settlements intervals settled
     * @param settledThrough end of the last interval settled; {@code null} before the first
     * @param gramsPerKwh carbon intensity of the last interval settled
     * @param lotsInLine lots with an open account
     * @param lotsOut lots out good
     * @param wafersOut their wafers
     * @param goodDiesOut their good dies
     * @param outEnergyWh energy booked to them
     * @param outCarbonGrams carbon booked to them
     */
    public record Totals(
            long drawnWh,
            long lotsWh,
            long unallocatedWh,
            long lotsCarbonGrams,
            long unallocatedCarbonGrams,
            long settledWh,
            long settledCarbonGrams,
            long settlements,
            Instant settledThrough,
            double gramsPerKwh,
            int lotsInLine,
            long lotsOut,
            long wafersOut,
            long goodDiesOut,
            long outEnergyWh,
            long outCarbonGrams) {}

    /** The open account of a lot in the line, if it has one. */
    public LotAccount account(String lotId) {
        return inLine.getOrDefault(lotId, LotAccount.NONE);
    }

    // ---- snapshots

    /** The ledger as plain data. */
    public State state() {
        return new State(
                drawnJoules,
                drawnWh,
                lotsWh,
                unallocatedWh,
                lotsCarbonGrams,
                unallocatedCarbonGrams,
                settledWh,
                settledCarbonGrams,
                settlements,
                settledThrough,
                gramsPerKwh,
                new TreeMap<>(inLine),
                new TreeMap<>(pendingWh),
                pendingUnallocatedWh,
                new long[] {out.lots, out.wafers, out.goodDies, out.energyWh, out.carbonGrams});
    }

    /** Replaces the ledger by a saved one; {@code null} (a snapshot from before the ledger) starts it empty. */
    public void restore(State s) {
        inLine.clear();
        pendingWh.clear();
        if (s == null) {
            drawnJoules = 0;
            drawnWh = lotsWh = unallocatedWh = lotsCarbonGrams = unallocatedCarbonGrams = 0;
            settledWh = settledCarbonGrams = settlements = pendingUnallocatedWh = 0;
            settledThrough = null;
            gramsPerKwh = 0;
            out.restore(new long[5]);
            return;
        }
        drawnJoules = s.drawnJoules();
        drawnWh = s.drawnWh();
        lotsWh = s.lotsWh();
        unallocatedWh = s.unallocatedWh();
        lotsCarbonGrams = s.lotsCarbonGrams();
        unallocatedCarbonGrams = s.unallocatedCarbonGrams();
        settledWh = s.settledWh();
        settledCarbonGrams = s.settledCarbonGrams();
        settlements = s.settlements();
        settledThrough = s.settledThrough();
        gramsPerKwh = s.gramsPerKwh();
        if (s.inLine() != null) {
            inLine.putAll(s.inLine());
        }
        if (s.pendingWh() != null) {
            pendingWh.putAll(s.pendingWh());
        }
        pendingUnallocatedWh = s.pendingUnallocatedWh();
        out.restore(s.out() == null ? new long[5] : s.out());
    }

    /** The ledger's state in a snapshot. */
    public record State(
            double drawnJoules,
            long drawnWh,
            long lotsWh,
            long unallocatedWh,
            long lotsCarbonGrams,
            long unallocatedCarbonGrams,
            long settledWh,
            long settledCarbonGrams,
            long settlements,
            Instant settledThrough,
            double gramsPerKwh,
            Map<String, LotAccount> inLine,
            Map<String, Long> pendingWh,
            long pendingUnallocatedWh,
            long[] out) {}

    /** Running totals of the lots out good: the per-wafer and per-die figures divide them. */
    private static final class OutTotals {
        long lots;
        long wafers;
        long goodDies;
        long energyWh;
        long carbonGrams;

        void add(int lotWafers, long dies, LotAccount account) {
            lots++;
            wafers += lotWafers;
            goodDies += dies;
            energyWh += account.energyWh();
            carbonGrams += account.carbonGrams();
        }

        void restore(long[] saved) {
            lots = saved[0];
            wafers = saved[1];
            goodDies = saved[2];
            energyWh = saved[3];
            carbonGrams = saved[4];
        }
    }

    /** Per-lot accounts in the line, for views. */
    public Map<String, LotAccount> inLine() {
        return new LinkedHashMap<>(inLine);
    }
}
