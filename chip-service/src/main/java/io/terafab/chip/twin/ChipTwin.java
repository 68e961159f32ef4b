package io.terafab.chip.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
                config.lineage().lots());
    }

    @Override
    public JsonNode exportState(ObjectMapper mapper) {
        return codec(mapper).write(model().state());
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
