package io.terafab.chip.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.terafab.chip.domain.ChipInventory;
import io.terafab.chip.domain.InventorySettings;
import io.terafab.chip.domain.SkuCatalog;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.twin.Twin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Holds the inventory behind the state lock. */
@ApplicationScoped
public class ChipTwin extends Twin<ChipInventory> {

    private volatile InventorySnapshotCodec codec;

    @Inject
    public ChipTwin(StateKeeper state, ChipConfig config) {
        super(state, new ChipInventory(new SkuCatalog(config.products(), config.bins()), settings(config)));
    }

    static InventorySettings settings(ChipConfig config) {
        return new InventorySettings(
                config.packagingYield(),
                config.finalTestYield(),
                config.rackSize(),
                config.install().leadTime(),
                config.install().racksPerDay(),
                config.reservation().ttl(),
                config.backorder().ttl(),
                config.metrics().rateWindow(),
                config.lineage().lots(),
                config.lineage().jobRunsPerRack(),
                config.lineage().jobRacks());
    }

    @Override
    public JsonNode exportState(ObjectMapper mapper) {
        return codec(mapper).write(model().state());
    }

    /** 2 since the snapshot holds the jobs that ran on each rack ({@code jobsOnRacks}). */
    static final int MODEL_VERSION = 2;

    @Override
    public int modelVersion() {
        return MODEL_VERSION;
    }

    /** From version 1: no job was heard of yet, so every rack's runs are none. */
    @Override
    public JsonNode migrate(JsonNode snapshot, int from, ObjectMapper mapper) {
        return withNoJobsOnRacks(snapshot, mapper);
    }

    static JsonNode withNoJobsOnRacks(JsonNode snapshot, ObjectMapper mapper) {
        if (snapshot instanceof ObjectNode model && !model.has("jobsOnRacks")) {
            model.set("jobsOnRacks", mapper.createObjectNode());
        }
        return snapshot;
    }

    @Override
    public void importState(JsonNode snapshot, ObjectMapper mapper) {
        model().restore(codec(mapper).read(snapshot));
    }

    private InventorySnapshotCodec codec(ObjectMapper mapper) {
        InventorySnapshotCodec current = codec;
        if (current == null) {
            current = new InventorySnapshotCodec(mapper);
            codec = current;
        }
        return current;
    }
}
