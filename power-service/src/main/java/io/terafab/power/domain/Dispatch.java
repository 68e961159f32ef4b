package io.terafab.power.domain;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The budgets of one tick: how the available supply was split between the campus base load and
 * the consumers, highest priority first.
 *
 * @param at simulated time of the tick
 * @param validUntil simulated time until which the budgets hold
 * @param availableMw import cap plus on-site generation
 * @param campusBaseLoadMw the base load asked for
 * @param baseServedMw the base load served: all of it unless supply is below it
 * @param budgets one per consumer, in priority order
 */
public record Dispatch(Instant at, Instant validUntil, double availableMw, double campusBaseLoadMw,
        double baseServedMw, List<ConsumerBudget> budgets) {

    public Dispatch {
        budgets = List.copyOf(budgets);
    }

    /** The budget of a consumer. */
    public ConsumerBudget budgetOf(String consumer) {
        return budgets.stream().filter(b -> b.consumer().equals(consumer)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no budget for " + consumer));
    }

    /** What the consumers ask for, base load excluded. */
    public double consumerDemandMw() {
        return budgets.stream().mapToDouble(ConsumerBudget::demandMw).sum();
    }

    /** The sum of the consumers' caps. */
    public double capsMw() {
        return budgets.stream().mapToDouble(ConsumerBudget::capMw).sum();
    }

    /** Supply used: base load served plus what the consumers are served. */
    public double suppliedMw() {
        return baseServedMw + budgets.stream().mapToDouble(ConsumerBudget::servedMw).sum();
    }

    /** Demand not served, base load included. */
    public double curtailedMw() {
        return (campusBaseLoadMw - baseServedMw) + budgets.stream().mapToDouble(ConsumerBudget::curtailedMw).sum();
    }

    /** Supply left unused: available minus supplied. */
    public double headroomMw() {
        return Math.max(0, availableMw - suppliedMw());
    }
}
