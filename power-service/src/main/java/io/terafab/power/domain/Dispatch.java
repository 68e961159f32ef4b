package io.terafab.power.domain;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One tick of the grid: the sources and batteries as set, the budgets issued, and the balance.
 * Every dispatch keeps {@code generation = served + battery charge - battery discharge} and
 * {@code base load served + caps <= available}.
 *
 * @param at simulated time of the tick
 * @param validUntil simulated time until which the budgets hold
 * @param intervalSeconds simulated time since the previous tick, over which this dispatch's energy is booked
 * @param availableMw what the sources and batteries could deliver
 * @param campusBaseLoadMw the base load asked for
 * @param baseServedMw the base load served: all of it unless supply is below it
 * @param budgets one per consumer, in the configured order
 * @param sources every source, as set
 * @param batteries every battery, as set
 * @param costRateUsdPerHour generation cost of the sources as set
 * @param carbonRateTonnesPerHour generation emissions of the sources as set
 */
public record Dispatch(
        Instant at,
        Instant validUntil,
        double intervalSeconds,
        double availableMw,
        double campusBaseLoadMw,
        double baseServedMw,
        List<ConsumerBudget> budgets,
        List<SourceDispatch> sources,
        List<BatteryDispatch> batteries,
        double costRateUsdPerHour,
        double carbonRateTonnesPerHour) {

    public Dispatch {
        budgets = List.copyOf(budgets);
        sources = List.copyOf(sources);
        batteries = List.copyOf(batteries);
    }

    /** The budget of a consumer. */
    public ConsumerBudget budgetOf(String consumer) {
        for (ConsumerBudget b : budgets) {
            if (b.consumer().equals(consumer)) {
                return b;
            }
        }
        throw new NoSuchElementException("no budget for " + consumer);
    }

    /** What the consumers ask for, base load excluded. */
    public double consumerDemandMw() {
        return budgets.stream().mapToDouble(ConsumerBudget::demandMw).sum();
    }

    /** Base load plus every consumer's demand. */
    public double demandMw() {
        return campusBaseLoadMw + consumerDemandMw();
    }

    /** The sum of the consumers' caps. */
    public double capsMw() {
        return budgets.stream().mapToDouble(ConsumerBudget::capMw).sum();
    }

    /** Demand served: base load served plus what the consumers are served. */
    public double servedMw() {
        return baseServedMw
                + budgets.stream().mapToDouble(ConsumerBudget::servedMw).sum();
    }

    /** Demand not served, base load included: {@code demand - served >= 0}. */
    public double curtailedMw() {
        return Math.max(0, campusBaseLoadMw - baseServedMw)
                + budgets.stream().mapToDouble(ConsumerBudget::curtailedMw).sum();
    }

    /** What the sources generate. */
    public double generationMw() {
        return sources.stream().mapToDouble(SourceDispatch::outputMw).sum();
    }

    public double batteryChargeMw() {
        return batteries.stream().mapToDouble(BatteryDispatch::chargeMw).sum();
    }

    public double batteryDischargeMw() {
        return batteries.stream().mapToDouble(BatteryDispatch::dischargeMw).sum();
    }

    /** Available supply that serves no demand: {@code available - served}. */
    public double headroomMw() {
        return Math.max(0, availableMw - servedMw());
    }

    /** What sources of one kind generate. */
    public double generationMw(SourceKind kind) {
        return sources.stream()
                .filter(s -> s.kind() == kind)
                .mapToDouble(SourceDispatch::outputMw)
                .sum();
    }

    /** What sources of one kind could deliver. */
    public double availableMw(SourceKind kind) {
        return sources.stream()
                .filter(s -> s.kind() == kind)
                .mapToDouble(SourceDispatch::availableMw)
                .sum();
    }
}
