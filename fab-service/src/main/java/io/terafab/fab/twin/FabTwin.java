package io.terafab.fab.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.TerafabFab;
import io.terafab.fab.domain.LiveFab;
import io.terafab.fab.domain.LiveFabState;
import io.terafab.fab.domain.YieldSettings;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.state.TwinStateful;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;

/** Holds the fab; every read and change goes through the state lock. */
@ApplicationScoped
public class FabTwin implements TwinStateful {

    @Inject
    StateKeeper state;

    private final LiveFab fab;

    @Inject
    public FabTwin(FabConfig config) {
        this.fab = new LiveFab(definitionOf(config), yieldOf(config), config.lineScrapRate(), config.seed());
    }

    /** The default Terafab fab at the configured start rate, pre-loaded with its steady-state work in process. */
    static FabDefinition definitionOf(FabConfig config) {
        return TerafabFab.build(TerafabFab.template(), config.product(), config.waferStartsPerMonth(), true);
    }

    static YieldSettings yieldOf(FabConfig config) {
        return new YieldSettings(config.dieAreaMm2(), config.defectDensityPerCm2(), config.yieldModel(),
                config.clusterAlpha(), config.bins(), config.binShares());
    }

    /** Reads the fab under the state lock. */
    public <T> T read(Function<LiveFab, T> query) {
        return state.read(() -> query.apply(fab));
    }

    /** The fab itself, for event handlers and ticks that already run under the state lock. */
    public LiveFab fabInHandler() {
        return fab;
    }

    @Override
    public JsonNode exportState(ObjectMapper mapper) {
        return mapper.valueToTree(fab.state());
    }

    /** {@code LiveFab.state()} copies every array and collection, so it can be converted outside the lock. */
    @Override
    public Object captureState(ObjectMapper mapper) {
        return fab.state();
    }

    @Override
    public void importState(JsonNode snapshot, ObjectMapper mapper) {
        fab.restore(mapper.convertValue(snapshot, LiveFabState.class));
    }
}
