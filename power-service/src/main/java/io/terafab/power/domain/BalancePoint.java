package io.terafab.power.domain;

import java.time.Instant;

/**
 * The balance of one tick, for the recent history operators look back on. Powers in MW.
 *
 * @param at simulated time of the tick
 * @param availableMw what sources and batteries could deliver
 * @param generationMw what the sources generated
 * @param demandMw base load plus the consumers' demand
 * @param servedMw demand served
 * @param curtailedMw demand not served
 * @param batteryChargeMw into the batteries
 * @param batteryDischargeMw out of the batteries
 * @param costRateUsdPerHour generation cost
 * @param carbonRateTonnesPerHour generation emissions
 */
public record BalancePoint(
        Instant at,
        double availableMw,
        double generationMw,
        double demandMw,
        double servedMw,
        double curtailedMw,
        double batteryChargeMw,
        double batteryDischargeMw,
        double costRateUsdPerHour,
        double carbonRateTonnesPerHour) {

    static BalancePoint of(Dispatch d) {
        return new BalancePoint(
                d.at(),
                d.availableMw(),
                d.generationMw(),
                d.demandMw(),
                d.servedMw(),
                d.curtailedMw(),
                d.batteryChargeMw(),
                d.batteryDischargeMw(),
                d.costRateUsdPerHour(),
                d.carbonRateTonnesPerHour());
    }
}
