package io.terafab.contract;

import java.time.Instant;
import java.util.List;

/**
 * Accelerators taken out of the cluster (they failed): whoever runs work on them must stop using
 * them. The ids are those of an earlier {@link AcceleratorsAllocated}.
 *
 * @param rackId the rack they were installed in (Kafka key, so one rack's removals stay in order)
 * @param sku the SKU of the chips
 * @param acceleratorIds the accelerators removed
 * @param reason why, as reported by the health event that caused the removal
 * @param removedAt simulated time of the removal
 */
public record AcceleratorsRemoved(
        String rackId, String sku, List<String> acceleratorIds, String reason, Instant removedAt) {

    public AcceleratorsRemoved {
        Require.text(rackId, "rackId");
        Require.text(sku, "sku");
        acceleratorIds = List.copyOf(Require.present(acceleratorIds, "acceleratorIds"));
        if (acceleratorIds.isEmpty()) {
            throw new InvalidEventException("acceleratorIds must not be empty");
        }
        Require.text(reason, "reason");
        Require.present(removedAt, "removedAt");
    }
}
