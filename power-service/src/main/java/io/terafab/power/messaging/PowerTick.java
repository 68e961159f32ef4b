package io.terafab.power.messaging;

import io.terafab.platform.clock.TwinTick;
import io.terafab.power.domain.Dispatch;
import io.terafab.power.domain.GridBalance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** Every tick of the twin clock: dispatches the grid, issues the budgets and, once per interval, the grid's state. */
@ApplicationScoped
public class PowerTick implements TwinTick<GridBalance> {

    @Inject
    PowerOutputs outputs;

    @Override
    public void tick(GridBalance grid, Instant simNow) {
        Dispatch dispatch = grid.tick(simNow);
        outputs.budgets(dispatch, grid.lastSettlement());
        outputs.gridState(dispatch, grid.ledger());
    }
}
