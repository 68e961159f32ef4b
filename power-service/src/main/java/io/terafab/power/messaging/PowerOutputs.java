package io.terafab.power.messaging;

import io.quarkus.runtime.Startup;
import io.terafab.contract.BudgetIssued;
import io.terafab.contract.EventTypes;
import io.terafab.contract.GridStateRecorded;
import io.terafab.platform.messaging.EventPublisher;
import io.terafab.platform.messaging.OutgoingEvent;
import io.terafab.power.domain.BatteryDispatch;
import io.terafab.power.domain.ConsumerBudget;
import io.terafab.power.domain.Dispatch;
import io.terafab.power.domain.EnergyLedger;
import io.terafab.power.domain.IntervalSettlement;
import io.terafab.power.domain.LoadTotals;
import io.terafab.power.domain.SourceDispatch;
import io.terafab.power.twin.PowerConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The events power-service publishes, from inside the tick's state change so they join the
 * outbox with the dispatch that made them:
 * <ul>
 *   <li>one budget per consumer and dispatch on {@code power.budget}, keyed by consumer, its id
 *       derived from the consumer and the tick's simulated time, so a budget re-sent after a
 *       restart is recognised downstream as the same event; it carries what the grid booked to the
 *       consumer over the interval the dispatch settled ({@link IntervalSettlement});</li>
 *   <li>the grid's state on the compacted {@code power.grid-state}, keyed by site, at the first
 *       dispatch of every {@code power.grid-state-interval} of simulated time; its id names the site
 *       and the interval, so a state re-published after a restart within the interval is dropped
 *       downstream.</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class PowerOutputs {

    static final String BUDGETS = "budgets";
    static final String GRID_STATE = "grid-state";

    @Inject
    EventPublisher publisher;

    @Inject
    PowerConfig config;

    @ConfigProperty(name = "twin.site", defaultValue = "terafab-1")
    String site;

    @Inject
    @Channel(BUDGETS)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> budgets;

    @Inject
    @Channel(GRID_STATE)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> states;

    private long lastGridStateInterval = Long.MIN_VALUE;

    @PostConstruct
    void register() {
        publisher.register(Map.of(BUDGETS, budgets, GRID_STATE, states));
    }

    void budgets(Dispatch dispatch, Optional<IntervalSettlement> settlement) {
        for (ConsumerBudget budget : dispatch.budgets()) {
            BudgetIssued.Settled settled =
                    settlement.map(s -> settledOf(s, budget.consumer())).orElse(null);
            publisher.publish(
                    BUDGETS,
                    new OutgoingEvent(
                            EventTypes.BUDGET_ISSUED,
                            budget.consumer(),
                            "budget-" + budget.consumer() + "-" + dispatch.at().toEpochMilli(),
                            dispatch.at(),
                            new BudgetIssued(
                                    budget.consumer(),
                                    budget.capMw(),
                                    budget.demandMw(),
                                    budget.curtailed(),
                                    dispatch.at(),
                                    dispatch.validUntil(),
                                    settled)));
        }
    }

    static BudgetIssued.Settled settledOf(IntervalSettlement s, String consumer) {
        IntervalSettlement.Booking b = s.of(consumer);
        return new BudgetIssued.Settled(
                s.from(), s.to(), b.energyWh(), b.carbonGrams(), b.costMilliUsd(), s.gramsPerKwh(), s.usdPerMwh());
    }

    void gridState(Dispatch dispatch, EnergyLedger ledger) {
        long every = config.gridStateInterval().toMillis();
        long interval = Math.floorDiv(dispatch.at().toEpochMilli(), every);
        if (interval == lastGridStateInterval) {
            return;
        }
        lastGridStateInterval = interval;
        Instant intervalStart = Instant.ofEpochMilli(interval * every);
        publisher.publish(
                GRID_STATE,
                new OutgoingEvent(
                        EventTypes.GRID_STATE_RECORDED,
                        site,
                        "grid-state-" + site + "-" + intervalStart.toEpochMilli(),
                        dispatch.at(),
                        stateOf(dispatch, ledger)));
    }

    GridStateRecorded stateOf(Dispatch d, EnergyLedger ledger) {
        List<GridStateRecorded.SourceState> sources =
                new ArrayList<>(d.sources().size());
        for (SourceDispatch s : d.sources()) {
            sources.add(new GridStateRecorded.SourceState(
                    s.id(), s.kind().code(), s.availableMw(), s.outputMw(), s.breakerOpen()));
        }
        List<GridStateRecorded.LoadState> loads = new ArrayList<>(d.budgets().size() + 1);
        LoadTotals base = ledger.of(EnergyLedger.BASE_LOAD);
        loads.add(new GridStateRecorded.LoadState(
                EnergyLedger.BASE_LOAD,
                d.campusBaseLoadMw(),
                d.baseServedMw(),
                d.baseServedMw(),
                base.energyMwh(),
                base.costUsd(),
                base.carbonTonnes()));
        for (ConsumerBudget b : d.budgets()) {
            LoadTotals t = ledger.of(b.consumer());
            loads.add(new GridStateRecorded.LoadState(
                    b.consumer(), b.demandMw(), b.capMw(), b.servedMw(), t.energyMwh(), t.costUsd(), t.carbonTonnes()));
        }
        List<GridStateRecorded.BatteryState> batteries =
                new ArrayList<>(d.batteries().size());
        for (BatteryDispatch b : d.batteries()) {
            batteries.add(new GridStateRecorded.BatteryState(
                    b.id(), b.stateOfCharge(), b.energyMwh(), b.chargeMw(), b.dischargeMw()));
        }
        return new GridStateRecorded(
                site,
                d.at(),
                d.availableMw(),
                d.generationMw(),
                d.demandMw(),
                d.servedMw(),
                d.curtailedMw(),
                d.headroomMw(),
                d.batteryChargeMw(),
                d.batteryDischargeMw(),
                d.costRateUsdPerHour(),
                d.carbonRateTonnesPerHour(),
                sources,
                loads,
                batteries);
    }
}
