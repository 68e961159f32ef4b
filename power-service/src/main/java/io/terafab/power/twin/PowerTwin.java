package io.terafab.power.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.platform.clock.TwinClock;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.twin.Twin;
import io.terafab.power.domain.Dispatch;
import io.terafab.power.domain.GridBalance;
import io.terafab.power.domain.GridState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Holds the grid model built from {@link PowerConfig} behind the state lock. */
@ApplicationScoped
public class PowerTwin extends Twin<GridBalance> {

    @Inject
    TwinClock clock;

    @Inject
    public PowerTwin(StateKeeper state, PowerConfig config) {
        this(state, new GridBalance(config.toSettings()));
    }

    /** A twin around a grid built elsewhere (the snapshot tests build the grid and keep a hand on it). */
    PowerTwin(StateKeeper state, GridBalance grid) {
        super(state, grid);
    }

    /** The latest dispatch issued or, before the first tick, the one a tick now would issue. */
    public Dispatch currentDispatch() {
        return read(g -> g.lastDispatch().orElseGet(() -> g.balanceAt(clock.now())));
    }

    @Override
    public JsonNode exportState(ObjectMapper mapper) {
        return mapper.valueToTree(model().state());
    }

    @Override
    public void importState(JsonNode snapshot, ObjectMapper mapper) {
        model().restore(mapper.convertValue(snapshot, GridState.class));
    }
}
