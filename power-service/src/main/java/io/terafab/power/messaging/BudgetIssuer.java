package io.terafab.power.messaging;

import io.quarkus.runtime.Startup;
import io.terafab.contract.BudgetIssued;
import io.terafab.contract.EventTypes;
import io.terafab.platform.clock.TwinTicker;
import io.terafab.platform.messaging.EventPublisher;
import io.terafab.platform.messaging.OutgoingEvent;
import io.terafab.power.domain.ConsumerBudget;
import io.terafab.power.domain.Dispatch;
import io.terafab.power.twin.PowerTwin;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Every tick, balances the grid and publishes one budget per consumer, keyed by consumer. The
 * event id is derived from the consumer and the tick's simulated time, so a budget re-sent after a
 * restart is recognised downstream as the same event.
 */
@Startup
@ApplicationScoped
public class BudgetIssuer {

    static final String BUDGETS = "budgets";

    @Inject
    EventPublisher publisher;

    @Inject
    TwinTicker ticker;

    @Inject
    PowerTwin twin;

    @Inject
    @Channel(BUDGETS)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<Object> budgets;

    @PostConstruct
    void start() {
        publisher.register(BUDGETS, budgets);
        ticker.every("power-budgets", this::issueBudgets);
    }

    /** Runs under the state lock (TwinTicker), so the budgets enter the outbox with the dispatch that made them. */
    void issueBudgets(Instant simNow) {
        Dispatch dispatch = twin.gridInHandler().tick(simNow);
        for (ConsumerBudget budget : dispatch.budgets()) {
            publisher.publish(BUDGETS, new OutgoingEvent(EventTypes.BUDGET_ISSUED, budget.consumer(),
                    "budget-" + budget.consumer() + "-" + simNow.toEpochMilli(), simNow,
                    new BudgetIssued(budget.consumer(), budget.capMw(), budget.demandMw(), budget.curtailed(),
                            dispatch.at(), dispatch.validUntil())));
        }
    }
}
