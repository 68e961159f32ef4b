package io.terafab.fab.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.TerafabFab;
import io.terafab.fab.domain.LiveFab;
import io.terafab.fab.domain.LiveFabState;
import io.terafab.fab.domain.YieldSettings;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.twin.Twin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Holds the fab behind the state lock. */
@ApplicationScoped
public class FabTwin extends Twin<LiveFab> {

    @Inject
    public FabTwin(StateKeeper state, FabConfig config) {
        super(state, new LiveFab(definitionOf(config), yieldOf(config), config.lineScrapRate(), config.seed()));
    }

    /** The default Terafab fab at the configured start rate, pre-loaded with its steady-state work in process. */
    static FabDefinition definitionOf(FabConfig config) {
        return TerafabFab.build(TerafabFab.template(), config.product(), config.waferStartsPerMonth(), true);
    }

    static YieldSettings yieldOf(FabConfig config) {
        return new YieldSettings(config.dieAreaMm2(), config.defectDensityPerCm2(), config.yieldModel(),
                config.clusterAlpha(), config.bins(), config.binShares());
    }

    @Override
    public JsonNode exportState(ObjectMapper mapper) {
        return mapper.valueToTree(model().state());
    }

    /** {@code LiveFab.state()} copies every array and collection, so it can be converted outside the lock. */
    @Override
    public Object captureState(ObjectMapper mapper) {
        return model().state();
    }

    @Override
    public void importState(JsonNode snapshot, ObjectMapper mapper) {
        model().restore(mapper.convertValue(snapshot, LiveFabState.class));
    }
}
