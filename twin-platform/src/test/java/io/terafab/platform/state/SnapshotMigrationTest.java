package io.terafab.platform.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one migration rule of snapshots: step by step from the snapshot's version to the model's, never a guess. */
class SnapshotMigrationTest {

    private final ObjectMapper mapper = new ObjectMapper();

    /** A model at version 3 whose form renamed a field at each step: v1 "n", v2 "count", v3 "total". */
    private final class CounterModel implements TwinStateful {

        final List<Integer> steps = new ArrayList<>();

        @Override
        public JsonNode exportState(ObjectMapper mapper) {
            return mapper.createObjectNode().put("total", 0);
        }

        @Override
        public void importState(JsonNode state, ObjectMapper mapper) {}

        @Override
        public int modelVersion() {
            return 3;
        }

        @Override
        public JsonNode migrate(JsonNode model, int from, ObjectMapper mapper) {
            steps.add(from);
            String[] names = {null, "n", "count", "total"};
            return mapper.createObjectNode()
                    .put(names[from + 1], model.get(names[from]).asInt());
        }
    }

    private ObjectNode snapshot(Integer modelVersion, ObjectNode model) {
        ObjectNode doc = mapper.createObjectNode().put("formatVersion", 1);
        if (modelVersion != null) {
            doc.put("modelVersion", modelVersion);
        }
        return doc.set("model", model);
    }

    @Test
    void aSnapshotWithoutAVersionIsVersionOneAndIsMigratedThroughEveryStep() {
        CounterModel model = new CounterModel();

        JsonNode migrated =
                StateKeeper.migrated(snapshot(null, mapper.createObjectNode().put("n", 7)), model, mapper);

        assertThat(model.steps).containsExactly(1, 2);
        assertThat(migrated.get("total").asInt()).isEqualTo(7);
    }

    @Test
    void aSnapshotFromTheVersionBeforeTakesOneStep() {
        CounterModel model = new CounterModel();

        JsonNode migrated =
                StateKeeper.migrated(snapshot(2, mapper.createObjectNode().put("count", 5)), model, mapper);

        assertThat(model.steps).containsExactly(2);
        assertThat(migrated.get("total").asInt()).isEqualTo(5);
    }

    @Test
    void aSnapshotOfTheCurrentVersionIsReadAsItIs() {
        CounterModel model = new CounterModel();
        ObjectNode current = mapper.createObjectNode().put("total", 3);

        assertThat(StateKeeper.migrated(snapshot(3, current), model, mapper)).isSameAs(current);
        assertThat(model.steps).isEmpty();
    }

    @Test
    void aSnapshotNewerThanTheCodeIsRefusedRatherThanMisread() {
        assertThatThrownBy(
                        () -> StateKeeper.migrated(snapshot(4, mapper.createObjectNode()), new CounterModel(), mapper))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("model version 4 is newer");
        ObjectNode laterFormat = snapshot(3, mapper.createObjectNode()).put("formatVersion", 2);
        assertThatThrownBy(() -> StateKeeper.migrated(laterFormat, new CounterModel(), mapper))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format 2 is newer");
    }

    @Test
    void aModelWithoutMigrationsRefusesAnOlderSnapshot() {
        TwinStateful versionTwo = new TwinStateful() {
            @Override
            public JsonNode exportState(ObjectMapper mapper) {
                return mapper.nullNode();
            }

            @Override
            public void importState(JsonNode state, ObjectMapper mapper) {}

            @Override
            public int modelVersion() {
                return 2;
            }
        };

        assertThatThrownBy(() -> StateKeeper.migrated(snapshot(1, mapper.createObjectNode()), versionTwo, mapper))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no migration from model version 1");
    }

    @Test
    void theModelIsGuardedOutsideTheStateLock() {
        assertThatThrownBy(() -> new StateKeeper().assertLocked())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside the state lock");
    }
}
