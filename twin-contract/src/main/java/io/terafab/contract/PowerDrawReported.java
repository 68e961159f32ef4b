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
 * @param floorMw the least it can draw without stopping (the fab: its facility load and every tool
 *        idle), which no cap can shed; optional ({@code null} from producers that can shed all their
 *        load), at most {@code demandMw}
 */
public record PowerDrawReported(
        String consumer,
        double demandMw,
        double drawMw,
        Double budgetMw,
        Instant at,
        Map<String, Double> drawByAreaMw,
        Double floorMw) {

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
        if (floorMw != null) {
            Require.nonNegative(floorMw, "floorMw");
            if (floorMw > demandMw) {
                throw new InvalidEventException("floorMw must be <= demandMw (" + demandMw + "), was " + floorMw);
            }
        }
    }

    /** The second version's fields: no floor. */
    public PowerDrawReported(
            String consumer,
            double demandMw,
            double drawMw,
            Double budgetMw,
            Instant at,
            Map<String, Double> drawByAreaMw) {
        this(consumer, demandMw, drawMw, budgetMw, at, drawByAreaMw, null);
    }

    /** The first version's fields: no breakdown by area, no floor. */
    public PowerDrawReported(String consumer, double demandMw, double drawMw, Double budgetMw, Instant at) {
        this(consumer, demandMw, drawMw, budgetMw, at, null, null);
    }
}
