package io.terafab.fab.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.fab.domain.FabLine;
import io.terafab.fab.domain.FabLineSettings;
import io.terafab.fab.domain.FabState;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.state.TwinStateful;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;

/** Holds the fab line; every read and change goes through the state lock. */
@ApplicationScoped
public class FabTwin implements TwinStateful {

    @Inject
    StateKeeper state;

    private final FabLine line;

    @Inject
    public FabTwin(FabConfig config) {
        this.line = new FabLine(settingsOf(config));
    }

    static FabLineSettings settingsOf(FabConfig config) {
        return new FabLineSettings(config.product(), config.bins(), config.binShares(), config.waferStartsPerMonth(),
                config.wafersPerLot(), config.cycleTime(), config.grossDiesPerWafer(), config.dieYield(),
                config.lineScrapRate(), config.fullPowerMw(), config.idlePowerShare(), config.maxStep(), config.seed());
    }

    /** Reads the line under the state lock. */
    public <T> T read(Function<FabLine, T> query) {
        return state.read(() -> query.apply(line));
    }

    /** The line itself, for event handlers and ticks that already run under the state lock. */
    public FabLine lineInHandler() {
        return line;
    }

    @Override
    public JsonNode exportState(ObjectMapper mapper) {
        return mapper.valueToTree(line.state());
    }

    @Override
    public void importState(JsonNode snapshot, ObjectMapper mapper) {
        line.restore(mapper.convertValue(snapshot, FabState.class));
    }
}
