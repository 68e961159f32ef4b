package io.terafab.contract;

import java.util.List;

/**
 * Accelerators installed into the cluster for a capacity request.
 *
 * @param requestId the request answered (Kafka key)
 * @param sku the SKU of the chips
 * @param rackId the rack they were installed in
 * @param acceleratorIds one id per accelerator
 */
public record AcceleratorsAllocated(String requestId, String sku, String rackId, List<String> acceleratorIds) {

    public AcceleratorsAllocated {
        Require.text(requestId, "requestId");
        Require.text(sku, "sku");
        Require.text(rackId, "rackId");
        acceleratorIds = List.copyOf(Require.present(acceleratorIds, "acceleratorIds"));
        if (acceleratorIds.isEmpty()) {
            throw new InvalidEventException("acceleratorIds must not be empty");
        }
    }
}
