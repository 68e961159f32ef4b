package io.terafab.contract;

import java.time.Instant;
import java.util.Map;

/**
 * A consumer's power over the last tick.
 *
 * @param consumer {@code fab} or {@code dc} (Kafka key)
 * @param demandMw what it would draw without a cap
 * @param drawMw what it drew, within its budget
 * @param budgetMw the cap it was under ({@code null} before its first budget)
 * @param at simulated time of the reading
 * @param drawByAreaMw what it drew per area (the fab: its tools per fab area, facility load not
 *        included); optional ({@code null} from producers that do not break their draw down)
 */
public record PowerDrawReported(String consumer, double demandMw, double drawMw, Double budgetMw, Instant at,
        Map<String, Double> drawByAreaMw) {

    public PowerDrawReported {
        Require.text(consumer, "consumer");
        Require.nonNegative(demandMw, "demandMw");
        Require.nonNegative(drawMw, "drawMw");
        if (budgetMw != null) {
            Require.nonNegative(budgetMw, "budgetMw");
        }
        Require.present(at, "at");
        if (drawByAreaMw != null) {
            drawByAreaMw.forEach((area, mw) -> {
                Require.text(area, "drawByAreaMw key");
                Require.nonNegative(Require.present(mw, "drawByAreaMw[" + area + "]"), "drawByAreaMw[" + area + "]");
            });
            drawByAreaMw = Map.copyOf(drawByAreaMw);
        }
    }

    /** The first version's fields: no breakdown by area. */
    public PowerDrawReported(String consumer, double demandMw, double drawMw, Double budgetMw, Instant at) {
        this(consumer, demandMw, drawMw, budgetMw, at, null);
    }
}
