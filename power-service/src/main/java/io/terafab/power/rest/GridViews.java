package io.terafab.power.rest;

import io.terafab.power.domain.AppliedReading;
import io.terafab.power.domain.CostAndCarbon;
import io.terafab.power.domain.LoadTotals;
import io.terafab.power.domain.MeterReading;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the grid's REST endpoints answer. Powers in MW, energy in MWh, cost in US$, carbon in t CO2, times simulated. */
public final class GridViews {

    private GridViews() {}

    /** One consumer in the latest dispatch. */
    public record ConsumerView(
            double demandMw,
            double drawMw,
            double capMw,
            double servedMw,
            double curtailedMw,
            boolean curtailed,
            boolean stale,
            Instant lastReadingAt) {}

    /**
     * The grid as of the latest dispatch ({@code dispatchedAt}; before the first tick, the dispatch a
     * tick now would issue).
     */
    public record GridView(
            Instant simTime,
            Instant dispatchedAt,
            Instant validUntil,
            String meritOrder,
            double importCapMw,
            double availableMw,
            double generationMw,
            double campusBaseLoadMw,
            double baseServedMw,
            double servedMw,
            double batteryChargeMw,
            double batteryDischargeMw,
            double curtailedMw,
            double headroomMw,
            double costRateUsdPerHour,
            double carbonRateTonnesPerHour,
            long ticks,
            Map<String, ConsumerView> consumers) {}

    /**
     * One source.
     *
     * @param limitMw what bounds it: the import limit in force, a turbine's capacity, a plant's nameplate
     */
    public record SourceView(
            String id,
            String kind,
            double limitMw,
            double availableMw,
            double outputMw,
            double spareMw,
            double costPerMwh,
            double carbonTonnesPerMwh,
            boolean breakerOpen,
            boolean measured) {}

    /** One load (the base load is {@code campus}), with what it was served since the start. */
    public record LoadView(
            String consumer,
            double demandMw,
            Double capMw,
            double servedMw,
            double curtailedMw,
            Double drawMw,
            Boolean stale,
            Instant lastReadingAt,
            double energyMwh,
            double costUsd,
            double carbonTonnes) {}

    /**
     * The grid's books at its latest tick: what the sources generated, where it went (each load's ledger, the
     * batteries), and the imbalance {@code generated + remeasured - loads - held}, zero to floating-point rounding.
     *
     * @param at simulated time of the latest tick (null before the first)
     * @param generated the cost and carbon of what the sources generated since the start
     * @param remeasured what meter readings of the batteries' charge added to what they hold
     * @param loads each load's energy, cost and carbon since the start (the base load is {@code campus})
     * @param heldInBatteries what the energy the batteries hold cost when it was stored
     * @param costImbalanceUsd {@code generated + remeasured - loads - held}, cost
     * @param carbonImbalanceTonnes the same, carbon
     */
    public record LedgerView(
            Instant at,
            CostAndCarbon generated,
            CostAndCarbon remeasured,
            Map<String, LoadTotals> loads,
            CostAndCarbon heldInBatteries,
            double costImbalanceUsd,
            double carbonImbalanceTonnes) {}

    /** The balance: {@code generation = served + charge - discharge}, {@code curtailed = demand - served}. */
    public record BalanceView(
            Instant at,
            double intervalSeconds,
            double availableMw,
            double generationMw,
            double demandMw,
            double servedMw,
            double batteryChargeMw,
            double batteryDischargeMw,
            double curtailedMw,
            double headroomMw,
            double imbalanceMw,
            double costRateUsdPerHour,
            double carbonRateTonnesPerHour) {}

    /** One battery. */
    public record BatteryView(
            String id,
            double capacityMwh,
            double energyMwh,
            double stateOfCharge,
            double socMin,
            double socMax,
            double chargeMw,
            double dischargeMw,
            double chargeLimitMw,
            double dischargeLimitMw,
            double roundTripEfficiency,
            boolean breakerOpen) {}

    /** One consumer's budget as issued on {@code power.budget}. */
    public record BudgetView(
            String consumer, double capMw, double demandMw, boolean curtailed, Instant issuedAt, Instant validUntil) {}

    /** Meter readings: waiting for their time, recently applied; breakers open. */
    public record MetersView(List<MeterReading> pending, List<AppliedReading> applied, List<String> openBreakers) {}

    /** The new import limit. */
    public record ImportCapCommand(Double capMw) {}

    /** The import limit in force and what the campus could deliver with it now. */
    public record ImportCapView(double importCapMw, double availableMw) {}
}
