package io.terafab.contract;

import java.time.Instant;

/**
 * A consumer's power over the last tick.
 *
 * @param consumer {@code fab} or {@code dc} (Kafka key)
 * @param demandMw what it would draw without a cap
 * @param drawMw what it drew, within its budget
 * @param budgetMw the cap it was under ({@code null} before its first budget)
 * @param at simulated time of the reading
 */
public record PowerDrawReported(String consumer, double demandMw, double drawMw, Double budgetMw, Instant at) {

    public PowerDrawReported {
        Require.text(consumer, "consumer");
        Require.nonNegative(demandMw, "demandMw");
        Require.nonNegative(drawMw, "drawMw");
        if (budgetMw != null) {
            Require.nonNegative(budgetMw, "budgetMw");
        }
        Require.present(at, "at");
    }
}
