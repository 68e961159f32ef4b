package io.terafab.contract;

import java.time.Instant;
import java.util.List;

/**
 * The campus grid at one dispatch, for anyone who wants the whole picture without asking
 * power-service: published to the compacted {@code power.grid-state} topic keyed by site, so the
 * topic always holds each site's latest state. Powers in MW, energy in MWh, cost in US dollars,
 * carbon in tonnes of CO2.
 *
 * @param site the campus (Kafka key)
 * @param at simulated time of the dispatch
 * @param availableMw what the sources and batteries could deliver at this dispatch
 * @param supplyMw what the sources generate: {@code served + batteryCharge - batteryDischarge}
 * @param demandMw base load plus every consumer's demand
 * @param servedMw demand served
 * @param curtailedMw demand not served: {@code demand - served}
 * @param headroomMw available supply that serves no demand: {@code available - served}
 * @param batteryChargeMw power into the batteries
 * @param batteryDischargeMw power out of the batteries
 * @param costRateUsdPerHour generation cost at this dispatch
 * @param carbonRateTonnesPerHour generation emissions at this dispatch
 * @param sources every source: the grid connection, gas turbines, solar plants
 * @param loads the base load and every consumer, with what each was served since the start
 * @param batteries every battery
 */
public record GridStateRecorded(
        String site,
        Instant at,
        double availableMw,
        double supplyMw,
        double demandMw,
        double servedMw,
        double curtailedMw,
        double headroomMw,
        double batteryChargeMw,
        double batteryDischargeMw,
        double costRateUsdPerHour,
        double carbonRateTonnesPerHour,
        List<SourceState> sources,
        List<LoadState> loads,
        List<BatteryState> batteries) {

    public GridStateRecorded {
        Require.text(site, "site");
        Require.present(at, "at");
        Require.nonNegative(availableMw, "availableMw");
        Require.nonNegative(supplyMw, "supplyMw");
        Require.nonNegative(demandMw, "demandMw");
        Require.nonNegative(servedMw, "servedMw");
        Require.nonNegative(curtailedMw, "curtailedMw");
        Require.nonNegative(headroomMw, "headroomMw");
        Require.nonNegative(batteryChargeMw, "batteryChargeMw");
        Require.nonNegative(batteryDischargeMw, "batteryDischargeMw");
        Require.nonNegative(costRateUsdPerHour, "costRateUsdPerHour");
        Require.nonNegative(carbonRateTonnesPerHour, "carbonRateTonnesPerHour");
        sources = List.copyOf(Require.present(sources, "sources"));
        loads = List.copyOf(Require.present(loads, "loads"));
        batteries = List.copyOf(Require.present(batteries, "batteries"));
    }

    /**
     * One source at the dispatch.
     *
     * @param id the asset ({@code grid}, {@code gt-1}, {@code solar-1}, ...)
     * @param kind {@code grid}, {@code gas} or {@code solar}
     * @param availableMw the most it could deliver at this dispatch (caps, ramps, sun, breaker)
     * @param outputMw what it delivers
     * @param breakerOpen whether a meter reported its breaker open
     */
    public record SourceState(String id, String kind, double availableMw, double outputMw, boolean breakerOpen) {

        public SourceState {
            Require.text(id, "id");
            Require.text(kind, "kind");
            Require.nonNegative(availableMw, "availableMw");
            Require.nonNegative(outputMw, "outputMw");
        }
    }

    /**
     * One load at the dispatch, with its running totals.
     *
     * @param consumer {@code campus} (the base load), {@code fab}, {@code dc}
     * @param demandMw what it asks for
     * @param capMw its budget (for the base load: what it is served)
     * @param servedMw what it is served
     * @param energyMwh energy served since the start
     * @param costUsd cost of that energy
     * @param carbonTonnes emissions of that energy
     */
    public record LoadState(
            String consumer,
            double demandMw,
            double capMw,
            double servedMw,
            double energyMwh,
            double costUsd,
            double carbonTonnes) {

        public LoadState {
            Require.text(consumer, "consumer");
            Require.nonNegative(demandMw, "demandMw");
            Require.nonNegative(capMw, "capMw");
            Require.nonNegative(servedMw, "servedMw");
            Require.nonNegative(energyMwh, "energyMwh");
            Require.nonNegative(costUsd, "costUsd");
            Require.nonNegative(carbonTonnes, "carbonTonnes");
        }
    }

    /**
     * One battery at the dispatch.
     *
     * @param id the asset
     * @param stateOfCharge stored energy as a fraction of capacity, in [0, 1]
     * @param energyMwh stored energy
     * @param chargeMw power in
     * @param dischargeMw power out
     */
    public record BatteryState(String id, double stateOfCharge, double energyMwh, double chargeMw, double dischargeMw) {

        public BatteryState {
            Require.text(id, "id");
            Require.nonNegative(stateOfCharge, "stateOfCharge");
            Require.nonNegative(energyMwh, "energyMwh");
            Require.nonNegative(chargeMw, "chargeMw");
            Require.nonNegative(dischargeMw, "dischargeMw");
        }
    }
}
