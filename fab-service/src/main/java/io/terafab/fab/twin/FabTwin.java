package io.terafab.fab.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.TerafabFab;
import io.terafab.fab.domain.LiveFab;
import io.terafab.fab.domain.LiveFabState;
import io.terafab.fab.domain.YieldSettings;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.twin.Twin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/** Holds the fab behind the state lock. */
@ApplicationScoped
public class FabTwin extends Twin<LiveFab> {

    /** Version 2 names the simulation's totals; version 1 held them as an array. */
    static final int MODEL_VERSION = 2;

    private static final String[] TOTALS_V1 = {
        "wafersStarted",
        "wafersOut",
        "wafersScrapped",
        "wafersInProcess",
        "lotsInProcess",
        "lotsOut",
        "lotsScrapped",
        "eventsProcessed"
    };

    @Inject
    public FabTwin(StateKeeper state, FabConfig config) {
        super(
                state,
                new LiveFab(
                        definitionOf(config),
                        yieldOf(config),
                        config.lineScrapRate(),
                        config.seed(),
                        Duration.ofDays(config.warmUpDays())));
    }

    /** The default Terafab fab at the configured start rate, pre-loaded with its steady-state work in process. */
    static FabDefinition definitionOf(FabConfig config) {
        return TerafabFab.build(TerafabFab.template(), config.product(), config.waferStartsPerMonth(), true);
    }

    static YieldSettings yieldOf(FabConfig config) {
        return new YieldSettings(
                config.dieAreaMm2(),
                config.defectDensityPerCm2(),
                config.yieldModel(),
                config.clusterAlpha(),
                config.bins(),
                config.binShares());
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
    public int modelVersion() {
        return MODEL_VERSION;
    }

    /** From version 1: the simulation's totals array becomes a record with a name for each figure. */
    @Override
    public JsonNode migrate(JsonNode snapshot, int from, ObjectMapper mapper) {
        return withNamedTotals(snapshot, mapper);
    }

    static JsonNode withNamedTotals(JsonNode snapshot, ObjectMapper mapper) {
        JsonNode totals = snapshot.path("simulation").path("totals");
        if (totals.isArray()) {
            ObjectNode named = mapper.createObjectNode();
            for (int i = 0; i < TOTALS_V1.length; i++) {
                named.put(TOTALS_V1[i], totals.path(i).asLong());
            }
            ((ObjectNode) snapshot.path("simulation")).set("totals", named);
        }
        return snapshot;
    }

    @Override
    public void importState(JsonNode snapshot, ObjectMapper mapper) {
        model().restore(mapper.convertValue(snapshot, LiveFabState.class));
    }
}
