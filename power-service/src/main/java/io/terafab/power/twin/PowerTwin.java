package io.terafab.power.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.terafab.platform.clock.TwinClock;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.twin.Twin;
import io.terafab.power.domain.CostAndCarbon;
import io.terafab.power.domain.Dispatch;
import io.terafab.power.domain.GridBalance;
import io.terafab.power.domain.GridState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

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

    /** 2 since the snapshot holds what the sources generated ({@code generated}, {@code remeasured}). */
    static final int MODEL_VERSION = 2;

    @Override
    public int modelVersion() {
        return MODEL_VERSION;
    }

    /**
     * From version 1: what the sources generated was not kept; it is what the loads were served plus what
     * the batteries hold (the sum the ledger keeps equal to it, {@code EnergyLedger}), meter readings of
     * the batteries' charge until then included.
     */
    @Override
    public JsonNode migrate(JsonNode snapshot, int from, ObjectMapper mapper) {
        return withGeneratedFromLedger(snapshot, mapper);
    }

    static JsonNode withGeneratedFromLedger(JsonNode snapshot, ObjectMapper mapper) {
        if (!(snapshot instanceof ObjectNode model) || model.hasNonNull("generated")) {
            return snapshot;
        }
        double cost = 0;
        double carbon = 0;
        for (String held : List.of("ledger", "batteries")) {
            for (JsonNode totals : model.path(held)) {
                cost += totals.path("costUsd").asDouble();
                carbon += totals.path("carbonTonnes").asDouble();
            }
        }
        model.set("generated", mapper.valueToTree(new CostAndCarbon(cost, carbon)));
        model.set("remeasured", mapper.valueToTree(CostAndCarbon.ZERO));
        return model;
    }

    @Override
    public void importState(JsonNode snapshot, ObjectMapper mapper) {
        model().restore(mapper.convertValue(snapshot, GridState.class));
    }
}
