package io.terafab.fab.simulation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Meters a {@link FabSimulation}'s energy and attributes it to lots, between two calls of
 * {@link #drain(double)}. The rule, which the fab-service README documents:
 * <ul>
 *   <li><b>busy energy</b>: a tool processing draws its group's productive watts (busy minus idle)
 *       on top of its idle load; that productive energy, over the time the tool is processing, goes
 *       to the lots on the tool, by wafers (a batch shares it by wafers; a held or downed job draws
 *       no productive power and gets none);</li>
 *   <li><b>idle and facility energy</b>: every tool's idle load and the facility load run whether or
 *       not a tool is busy, so at every instant they are shared by the lots in the line by wafers: a
 *       lot pays for the fab it occupies, for as long as it occupies it. Kept exactly, whatever the
 *       ticks, as a running "idle and facility joules per wafer in the line" that moves whenever a
 *       lot enters or leaves;</li>
 *   <li>what no lot can take (busy energy of a tool whose lots already left, idle and facility energy
 *       while the line is empty) is reported as unattributed.</li>
 * </ul>
 * Independently, the meter integrates the fab's draw ({@link FabSimulation#drawWatts()}) from event
 * to event; the attributed and unattributed energy add up to it (to floating-point rounding), which
 * checks that the busy bookkeeping and the draw agree.
 */
public final class LotEnergyMeter {

    private final FabSimulation simulation;
    private final FabLayout layout;
    private final ToolTable tools;
    private final List<Lot> lots;
    private final double[] busySince;
    private final Map<String, double[]> byLot = new HashMap<>(); // lot -> {busy joules, base joules}
    private final Map<String, double[]> inLine = new HashMap<>(); // lot -> {base joules per wafer at entry, wafers}
    private double basePerWafer; // idle and facility joules per wafer in the line, since the meter started
    private double basePerWaferAt;
    private long wafersInLine;
    private double integratedTo;
    private double drawnJoules;
    private double unattributedJoules;
    private double lastDrainAt;

    LotEnergyMeter(FabSimulation simulation, FabLayout layout, ToolTable tools, List<Lot> lots) {
        this.simulation = simulation;
        this.layout = layout;
        this.tools = tools;
        this.lots = lots;
        this.busySince = new double[layout.toolCount];
        resetAt(simulation.now());
    }

    /**
     * What a drain found: per lot the energy it used since the previous drain, and the energy the fab
     * drew over that time.
     *
     * @param from the previous drain, seconds from the run's origin
     * @param to this drain
     * @param joulesByLot energy attributed to each lot (busy plus its idle and facility share)
     * @param unattributedJoules energy no lot could take
     * @param drawnJoules the fab's draw integrated over the interval
     */
    public record Drained(
            double from, double to, Map<String, Double> joulesByLot, double unattributedJoules, double drawnJoules) {}

    /** Forgets what was metered and meters from {@code now}: at the start and after a restore. */
    void resetAt(double now) {
        byLot.clear();
        inLine.clear();
        basePerWafer = 0;
        basePerWaferAt = now;
        wafersInLine = 0;
        for (Lot lot : lots) {
            if (!lot.done) {
                inLine.put(lot.name, new double[] {0, lot.wafers});
                wafersInLine += lot.wafers;
            }
        }
        drawnJoules = 0;
        unattributedJoules = 0;
        integratedTo = now;
        lastDrainAt = now;
        for (int t = 0; t < busySince.length; t++) {
            busySince[t] = now;
        }
    }

    /** The draw since the last event held until {@code time}: called before the draw can change. */
    void integrateTo(double time) {
        if (time > integratedTo) {
            drawnJoules += simulation.drawWatts() * (time - integratedTo);
            integratedTo = time;
        }
    }

    void stateChanging(int t, ToolState from, ToolState to, double now) {
        if (from == ToolState.PRODUCTIVE) {
            settleTool(t, now);
        }
        if (to == ToolState.PRODUCTIVE) {
            busySince[t] = now;
        }
    }

    /** Books tool {@code t}'s productive energy since it was last booked to the lots on it now. */
    void settleTool(int t, double now) {
        if (tools.state[t] != ToolState.PRODUCTIVE) {
            return;
        }
        double joules = layout.productiveWattsOfTool(t) * (now - busySince[t]);
        busySince[t] = now;
        if (joules <= 0) {
            return;
        }
        IntList onTool = tools.lots[t];
        long wafers = 0;
        for (int i = 0; i < onTool.size(); i++) {
            wafers += lots.get(onTool.get(i)).wafers;
        }
        if (wafers == 0) {
            unattributedJoules += joules;
            return;
        }
        for (int i = 0; i < onTool.size(); i++) {
            Lot lot = lots.get(onTool.get(i));
            account(lot.name)[0] += joules * lot.wafers / wafers;
        }
    }

    /** Moves the idle and facility energy per wafer in the line to {@code now}. */
    private void advanceBase(double now) {
        if (now <= basePerWaferAt) {
            return;
        }
        double joules = layout.baseWatts * (now - basePerWaferAt);
        if (wafersInLine > 0) {
            basePerWafer += joules / wafersInLine;
        } else {
            unattributedJoules += joules; // an empty line: nobody to share it
        }
        basePerWaferAt = now;
    }

    /** A lot entered the line: from now on it shares the idle and facility energy. */
    void lotStarted(Lot lot, double now) {
        advanceBase(now);
        inLine.put(lot.name, new double[] {basePerWafer, lot.wafers});
        wafersInLine += lot.wafers;
    }

    /** A lot left the line: its share of the idle and facility energy ends now. */
    void lotFinished(Lot lot, double now) {
        advanceBase(now);
        double[] mark = inLine.remove(lot.name);
        if (mark != null) {
            account(lot.name)[1] += mark[1] * (basePerWafer - mark[0]);
            wafersInLine -= (long) mark[1];
        }
    }

    private double[] account(String lot) {
        return byLot.computeIfAbsent(lot, k -> new double[2]);
    }

    /** Closes the interval at {@code now}: books the busy tools, shares out idle and facility energy, and starts over. */
    public Drained drain(double now) {
        integrateTo(now);
        for (int t = 0; t < busySince.length; t++) {
            settleTool(t, now);
        }
        advanceBase(now);
        for (Map.Entry<String, double[]> e : inLine.entrySet()) {
            double[] mark = e.getValue();
            account(e.getKey())[1] += mark[1] * (basePerWafer - mark[0]);
            mark[0] = basePerWafer;
        }
        Map<String, Double> joules = new HashMap<>(byLot.size() * 2);
        for (Map.Entry<String, double[]> e : byLot.entrySet()) {
            joules.put(e.getKey(), e.getValue()[0] + e.getValue()[1]);
        }
        Drained drained = new Drained(lastDrainAt, now, joules, unattributedJoules, drawnJoules);
        byLot.clear();
        drawnJoules = 0;
        unattributedJoules = 0;
        lastDrainAt = now;
        return drained;
    }
}
