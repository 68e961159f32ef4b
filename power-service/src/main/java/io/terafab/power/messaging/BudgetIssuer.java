package io.terafab.power.messaging;

import io.quarkus.runtime.Startup;
import io.terafab.contract.BudgetIssued;
import io.terafab.contract.EventTypes;
import io.terafab.platform.messaging.EventPublisher;
import io.terafab.platform.messaging.OutgoingEvent;
import io.terafab.power.domain.ConsumerBudget;
import io.terafab.power.domain.Dispatch;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes one budget per consumer and dispatch on {@code power.budget}, keyed by consumer. The
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
    @Channel(BUDGETS)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> budgets;

    @PostConstruct
    void start() {
        publisher.register(BUDGETS, budgets);
    }

    /** Call under the state lock, with the dispatch that made the budgets, so they enter the outbox with it. */
    void issue(Dispatch dispatch) {
        for (ConsumerBudget budget : dispatch.budgets()) {
            publisher.publish(BUDGETS, new OutgoingEvent(EventTypes.BUDGET_ISSUED, budget.consumer(),
                    "budget-" + budget.consumer() + "-" + dispatch.at().toEpochMilli(), dispatch.at(),
                    new BudgetIssued(budget.consumer(), budget.capMw(), budget.demandMw(), budget.curtailed(),
                            dispatch.at(), dispatch.validUntil())));
        }
    }
}
