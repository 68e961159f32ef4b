package io.terafab.fab.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.TerafabFab;
import io.terafab.fab.domain.DieYieldModel;
import io.terafab.fab.domain.LiveFab;
import io.terafab.fab.domain.LiveFabState;
import io.terafab.fab.domain.YieldSettings;
import io.terafab.fab.simulation.SimulationState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A snapshot of model version 1 (the simulation's totals as an array) restores to the same fab. */
class FabSnapshotMigrationTest {

    static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    static final FabDefinition FAB = TerafabFab.build(TerafabFab.template(), "TFA-1", 10_000, true);
    static final YieldSettings YIELD = new YieldSettings(
            800, 0.06385, DieYieldModel.POISSON, 3, List.of("bin1", "bin2", "bin3"), List.of(0.25, 0.5, 0.25));
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void aVersionOneSnapshotsTotalsArrayBecomesTheNamedTotalsInTheirOrder() {
        LiveFab original = new LiveFab(FAB, YIELD, 0.01, 42);
        original.start(T0);
        original.advance(T0.plus(Duration.ofDays(2)));
        SimulationState.Totals totals = original.state().simulation().totals();
        JsonNode versionOne = JSON.valueToTree(original.state());
        ((ObjectNode) versionOne.path("simulation")).set("totals", JSON.valueToTree(new long[] {
            totals.wafersStarted(), totals.wafersOut(), totals.wafersScrapped(), totals.wafersInProcess(),
            totals.lotsInProcess(), totals.lotsOut(), totals.lotsScrapped(), totals.eventsProcessed()
        }));

        LiveFabState migrated = JSON.convertValue(FabTwin.withNamedTotals(versionOne, JSON), LiveFabState.class);

        assertThat(migrated.simulation().totals()).isEqualTo(totals);
        LiveFab restored = new LiveFab(FAB, YIELD, 0.01, 42);
        restored.restore(migrated);
        assertThat(restored.wafersOut()).isEqualTo(original.wafersOut());
        assertThat(restored.conserved()).isTrue();
    }
}
