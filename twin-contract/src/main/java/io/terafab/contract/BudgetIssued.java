package io.terafab.contract;

import java.time.Instant;

/**
 * The power a consumer may draw until {@code validUntil}, and what the grid booked to it over the
 * interval the dispatch just settled.
 *
 * @param consumer {@code fab} or {@code dc} (Kafka key)
 * @param capMw the cap
 * @param demandMw the demand the cap answers
 * @param curtailed whether the cap is below the demand
 * @param issuedAt simulated time of issue
 * @param validUntil simulated time after which the consumer must expect a new budget
 * @param settled the energy, cost and carbon the grid booked to the consumer over the interval that
 *     ended at {@code issuedAt}, with that interval's price and carbon intensity; optional ({@code null}
 *     from producers that do not account, and on the first dispatch, which settles no interval)
 */
public record BudgetIssued(
        String consumer,
        double capMw,
        double demandMw,
        boolean curtailed,
        Instant issuedAt,
        Instant validUntil,
        Settled settled) {

    public BudgetIssued {
        Require.text(consumer, "consumer");
        Require.nonNegative(capMw, "capMw");
        Require.nonNegative(demandMw, "demandMw");
        Require.present(issuedAt, "issuedAt");
        Require.present(validUntil, "validUntil");
    }

    /** The first version's fields: no settled interval. */
    public BudgetIssued(
            String consumer, double capMw, double demandMw, boolean curtailed, Instant issuedAt, Instant validUntil) {
        this(consumer, capMw, demandMw, curtailed, issuedAt, validUntil, null);
    }

    /**
     * One dispatch interval as the grid booked it to one consumer. Whole units (watt-hours, grams,
     * milli-dollars) so that a consumer can split them over lots or jobs with {@link Shares} and lose
     * nothing: each figure is the step of the grid's running total for the consumer ({@link
     * Shares#step}), so the figures of consecutive intervals add up to that total, rounded.
     *
     * @param from start of the interval (the previous dispatch)
     * @param to end of the interval ({@code issuedAt})
     * @param energyWh energy served to the consumer over the interval
     * @param carbonGrams CO2e of that energy, at the interval's generation mix (batteries passing on
     *     what their energy emitted when stored)
     * @param costMilliUsd cost of that energy, likewise
     * @param gramsPerKwh carbon intensity of the energy the grid served over the interval
     * @param usdPerMwh price of that energy
     */
    public record Settled(
            Instant from,
            Instant to,
            long energyWh,
            long carbonGrams,
            long costMilliUsd,
            double gramsPerKwh,
            double usdPerMwh) {

        public Settled {
            Require.present(from, "from");
            Require.present(to, "to");
            if (to.isBefore(from)) {
                throw new InvalidEventException("settled.to " + to + " is before settled.from " + from);
            }
            Require.nonNegative(energyWh, "energyWh");
            Require.nonNegative(carbonGrams, "carbonGrams");
            Require.nonNegative(costMilliUsd, "costMilliUsd");
            Require.nonNegative(gramsPerKwh, "gramsPerKwh");
            Require.nonNegative(usdPerMwh, "usdPerMwh");
        }
    }
}
