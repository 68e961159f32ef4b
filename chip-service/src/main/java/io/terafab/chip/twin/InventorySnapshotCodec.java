package io.terafab.chip.twin;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.chip.domain.BatchShare;
import io.terafab.chip.domain.ChipBatch;
import io.terafab.chip.domain.ChipCounts;
import io.terafab.chip.domain.InventoryState;
import io.terafab.chip.domain.JobsOnRacks;
import io.terafab.chip.domain.RackSlice;

/**
 * The inventory's snapshot form. The types that repeat by the thousand (batches, their counts,
 * reservation shares, rack slices) are written as JSON arrays instead of objects: about a third
 * of the size, which keeps a long-running campus's lineage inside one snapshot record.
 */
final class InventorySnapshotCodec {

    private final ObjectMapper mapper;

    InventorySnapshotCodec(ObjectMapper base) {
        this.mapper = base.copy()
                .addMixIn(ChipCounts.class, AsArray.class)
                .addMixIn(ChipBatch.class, AsArray.class)
                .addMixIn(BatchShare.class, AsArray.class)
                .addMixIn(RackSlice.class, AsArray.class)
                .addMixIn(JobsOnRacks.JobRun.class, AsArray.class);
    }

    JsonNode write(InventoryState state) {
        return mapper.valueToTree(state);
    }

    InventoryState read(JsonNode snapshot) {
        return mapper.convertValue(snapshot, InventoryState.class);
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    private interface AsArray {}
}
