package io.terafab.fab.simulation;

/**
 * The running totals of a {@link FabSimulation}: wafers and lots started, out, scrapped and in
 * process, and the events handled. Wafers started = out + scrapped + in process, always.
 */
public final class FabTotals {

    private long wafersStarted;
    private long wafersOut;
    private long wafersScrapped;
    private long wafersInProcess;
    private long lotsInProcess;
    private long lotsOut;
    private long lotsScrapped;
    private long eventsProcessed;

    void lotStarted(int wafers) {
        wafersStarted += wafers;
        wafersInProcess += wafers;
        lotsInProcess++;
    }

    void lotFinished(int wafers, boolean scrapped) {
        wafersInProcess -= wafers;
        lotsInProcess--;
        if (scrapped) {
            wafersScrapped += wafers;
            lotsScrapped++;
        } else {
            wafersOut += wafers;
            lotsOut++;
        }
    }

    /** Counts from now on: the lots in process as started, nothing out or scrapped yet (events handled kept). */
    void countFromNow() {
        wafersStarted = wafersInProcess;
        wafersOut = 0;
        wafersScrapped = 0;
        lotsOut = 0;
        lotsScrapped = 0;
    }

    void eventProcessed() {
        eventsProcessed++;
    }

    /** Started = out + scrapped + in process, none negative, and in process as the lots count it. */
    boolean conserved(long countedInProcess) {
        return countedInProcess == wafersInProcess
                && wafersStarted == wafersOut + wafersScrapped + wafersInProcess
                && wafersOut >= 0
                && wafersScrapped >= 0
                && wafersInProcess >= 0;
    }

    SimulationState.Totals state() {
        return new SimulationState.Totals(
                wafersStarted,
                wafersOut,
                wafersScrapped,
                wafersInProcess,
                lotsInProcess,
                lotsOut,
                lotsScrapped,
                eventsProcessed);
    }

    /** Refuses saved totals that break conservation, or that the saved lots do not add up to. */
    static void requireConserved(SimulationState.Totals saved, long countedInProcess) {
        if (saved.wafersStarted() != saved.wafersOut() + saved.wafersScrapped() + saved.wafersInProcess()
                || countedInProcess != saved.wafersInProcess()) {
            throw new IllegalArgumentException("snapshot breaks conservation: started " + saved.wafersStarted()
                    + ", out " + saved.wafersOut() + ", scrapped " + saved.wafersScrapped() + ", in process "
                    + saved.wafersInProcess() + " (lots hold " + countedInProcess + ")");
        }
    }

    void restore(SimulationState.Totals saved) {
        wafersStarted = saved.wafersStarted();
        wafersOut = saved.wafersOut();
        wafersScrapped = saved.wafersScrapped();
        wafersInProcess = saved.wafersInProcess();
        lotsInProcess = saved.lotsInProcess();
        lotsOut = saved.lotsOut();
        lotsScrapped = saved.lotsScrapped();
        eventsProcessed = saved.eventsProcessed();
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
}
