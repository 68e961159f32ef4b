package io.terafab.contract;

import java.util.List;

/**
 * Accelerators installed into the cluster for a capacity request.
 *
 * @param requestId the request answered (Kafka key)
 * @param sku the SKU of the chips
 * @param rackId the rack they were installed in
 * @param acceleratorIds one id per accelerator
 * @param origins where the accelerators came from and what making them took, one entry per chip batch
 *     installed (the accelerators of {@code acceleratorIds} in order: the first {@code accelerators} of
 *     them from the first batch, and so on); optional ({@code null} from producers that do not trace)
 */
public record AcceleratorsAllocated(
        String requestId, String sku, String rackId, List<String> acceleratorIds, List<Origin> origins) {

    public AcceleratorsAllocated {
        Require.text(requestId, "requestId");
        Require.text(sku, "sku");
        Require.text(rackId, "rackId");
        acceleratorIds = List.copyOf(Require.present(acceleratorIds, "acceleratorIds"));
        if (acceleratorIds.isEmpty()) {
            throw new InvalidEventException("acceleratorIds must not be empty");
        }
        if (origins != null) {
            origins = List.copyOf(origins);
            long covered = origins.stream().mapToLong(Origin::accelerators).sum();
            if (covered != acceleratorIds.size()) {
                throw new InvalidEventException(
                        "origins cover " + covered + " accelerators, acceleratorIds name " + acceleratorIds.size());
            }
        }
    }

    /** The first version's fields: no origins. */
    public AcceleratorsAllocated(String requestId, String sku, String rackId, List<String> acceleratorIds) {
        this(requestId, sku, rackId, acceleratorIds, null);
    }

    /**
     * Accelerators of one chip batch.
     *
     * @param batchId the chip batch (one SKU of one lot)
     * @param lotId the fab lot its dies came from
     * @param accelerators how many of the installed accelerators came from it
     * @param embodiedWh energy to make one of them: its die's share of the lot's fab energy plus packaging
     *     and test, watt-hours
     * @param embodiedCarbonGrams CO2e of making one, grams
     */
    public record Origin(String batchId, String lotId, int accelerators, long embodiedWh, long embodiedCarbonGrams) {

        public Origin {
            Require.text(batchId, "batchId");
            Require.text(lotId, "lotId");
            Require.positive(accelerators, "accelerators");
            Require.nonNegative(embodiedWh, "embodiedWh");
            Require.nonNegative(embodiedCarbonGrams, "embodiedCarbonGrams");
        }
    }
}
