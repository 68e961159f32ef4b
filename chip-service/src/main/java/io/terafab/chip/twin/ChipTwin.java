package io.terafab.chip.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.chip.domain.ChipInventory;
import io.terafab.chip.domain.InventorySettings;
import io.terafab.chip.domain.SkuCatalog;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.state.TwinStateful;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;

/** Holds the inventory; every read and change goes through the state lock. */
@ApplicationScoped
public class ChipTwin implements TwinStateful {

    @Inject
    StateKeeper state;

    private final ChipInventory inventory;
    private volatile InventorySnapshotCodec codec;

    @Inject
    public ChipTwin(ChipConfig config) {
        this.inventory = new ChipInventory(new SkuCatalog(config.products(), config.bins()), settings(config));
    }

    static InventorySettings settings(ChipConfig config) {
        return new InventorySettings(config.packagingYield(), config.finalTestYield(), config.rackSize(),
                config.install().leadTime(), config.install().racksPerDay(), config.reservation().ttl(),
                config.backorder().ttl(), config.metrics().rateWindow(), config.lineage().lots());
    }

    /** Reads the inventory under the state lock. */
    public <T> T read(Function<ChipInventory, T> query) {
        return state.read(() -> query.apply(inventory));
    }

    /** Changes the inventory under the state lock (a REST command); publish what it caused inside {@code change}. */
    public <T> T change(Function<ChipInventory, T> change) {
        return state.locked(() -> change.apply(inventory));
    }

    /** The inventory itself, for event handlers and ticks that already run under the state lock. */
    public ChipInventory inventoryInHandler() {
        return inventory;
    }

    @Override
    public JsonNode exportState(ObjectMapper mapper) {
        return codec(mapper).write(inventory.state());
    }

    @Override
    public void importState(JsonNode snapshot, ObjectMapper mapper) {
        inventory.restore(codec(mapper).read(snapshot));
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
