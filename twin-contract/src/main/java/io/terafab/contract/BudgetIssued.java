package io.terafab.contract;

import java.time.Instant;

/**
 * The power a consumer may draw until {@code validUntil}.
 *
 * @param consumer {@code fab} or {@code dc} (Kafka key)
 * @param capMw the cap
 * @param demandMw the demand the cap answers
 * @param curtailed whether the cap is below the demand
 * @param issuedAt simulated time of issue
 * @param validUntil simulated time after which the consumer must expect a new budget
 */
public record BudgetIssued(
        String consumer, double capMw, double demandMw, boolean curtailed, Instant issuedAt, Instant validUntil) {

    public BudgetIssued {
        Require.text(consumer, "consumer");
        Require.nonNegative(capMw, "capMw");
        Require.nonNegative(demandMw, "demandMw");
        Require.present(issuedAt, "issuedAt");
        Require.present(validUntil, "validUntil");
    }
}
