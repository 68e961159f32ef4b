package io.terafab.power.messaging;

import io.terafab.platform.clock.TwinTick;
import io.terafab.power.domain.Dispatch;
import io.terafab.power.domain.GridBalance;
import io.terafab.power.twin.PowerTwin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** Every tick of the twin clock: dispatches the grid, issues the budgets and, once per interval, the grid's state. */
@ApplicationScoped
public class PowerTick implements TwinTick {

    @Inject
    PowerTwin twin;

    @Inject
    PowerOutputs outputs;

    @Override
    public void tick(Instant simNow) {
        GridBalance grid = twin.locked();
        Dispatch dispatch = grid.tick(simNow);
        outputs.budgets(dispatch);
        outputs.gridState(dispatch, grid.ledger());
    }
}
