package io.terafab.power.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.platform.clock.TwinClock;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.state.TwinStateful;
import io.terafab.power.domain.Dispatch;
import io.terafab.power.domain.GridBalance;
import io.terafab.power.domain.GridState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import java.util.function.Function;

/** Holds the grid model built from {@link PowerConfig}; every read and change goes through the state lock. */
@ApplicationScoped
public class PowerTwin implements TwinStateful {

    @Inject
    StateKeeper state;

    @Inject
    TwinClock clock;

    private final GridBalance grid;

    @Inject
    public PowerTwin(PowerConfig config) {
        this.grid = new GridBalance(config.toSettings());
    }

    /** Reads the grid under the state lock. */
    public <T> T read(Function<GridBalance, T> query) {
        return state.read(() -> query.apply(grid));
    }

    /** Changes the grid under the state lock, for commands that do not come from Kafka. */
    public void change(Consumer<GridBalance> command) {
        state.locked(() -> command.accept(grid));
    }

    /** The grid itself, for event handlers and ticks that already run under the state lock. */
    public GridBalance gridInHandler() {
        return grid;
    }

    /** The latest dispatch issued or, before the first tick, the one a tick now would issue. */
    public Dispatch currentDispatch() {
        return read(g -> g.lastDispatch().orElseGet(() -> g.balanceAt(clock.now())));
    }

    @Override
    public JsonNode exportState(ObjectMapper mapper) {
        return mapper.valueToTree(grid.state());
    }

    @Override
    public void importState(JsonNode snapshot, ObjectMapper mapper) {
        grid.restore(mapper.convertValue(snapshot, GridState.class));
    }
}
