package io.terafab.chip.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.chip.domain.ChipInventory;
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

    @Inject
    public ChipTwin(ChipConfig config) {
        this.inventory = new ChipInventory(new SkuCatalog(config.products(), config.bins()), config.assemblyYield(),
                config.rackSize());
    }

    /** Reads the inventory under the state lock. */
    public <T> T read(Function<ChipInventory, T> query) {
        return state.read(() -> query.apply(inventory));
    }

    /** The inventory itself, for event handlers that already run under the state lock. */
    public ChipInventory inventoryInHandler() {
        return inventory;
    }

    @Override
    public JsonNode exportState(ObjectMapper mapper) {
        return mapper.valueToTree(inventory.state());
    }

    @Override
    public void importState(JsonNode snapshot, ObjectMapper mapper) {
        inventory.restore(mapper.convertValue(snapshot, ChipInventory.InventoryState.class));
    }
}
