package io.terafab.power.messaging;

import io.quarkus.runtime.Startup;
import io.terafab.platform.clock.TwinTicker;
import io.terafab.power.domain.Dispatch;
import io.terafab.power.twin.PowerTwin;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Every tick of the twin clock: dispatches the grid, issues the budgets and, once per interval,
 * the grid's state. Runs under the state lock (TwinTicker), so what is published enters the outbox
 * with the dispatch that made it.
 */
@Startup
@ApplicationScoped
public class GridTick {

    @Inject
    TwinTicker ticker;

    @Inject
    PowerTwin twin;

    @Inject
    BudgetIssuer budgets;

    @Inject
    GridStatePublisher gridState;

    @PostConstruct
    void start() {
        ticker.every("power-dispatch", this::dispatch);
    }

    void dispatch(Instant simNow) {
        Dispatch dispatch = twin.gridInHandler().tick(simNow);
        budgets.issue(dispatch);
        gridState.maybePublish(dispatch, twin.gridInHandler().ledger());
    }
}
