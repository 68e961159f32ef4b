package io.terafab.contract;

import java.time.Instant;

/**
 * The chip count of one SKU in every inventory state, published on the compacted
 * {@code chips.inventory} topic whenever it changed: the latest record per key is the current
 * inventory of that SKU. The counts always add up:
 * {@code produced = inStock + reserved + installed + failed + returned + scrapped}.
 *
 * @param sku the SKU (Kafka key)
 * @param produced chips that passed packaging and final test, ever
 * @param inStock chips free to reserve
 * @param reserved chips reserved for a capacity request, waiting to be installed
 * @param installed chips in racks, in service
 * @param failed chips reported failed, removed from service, awaiting return or scrap
 * @param returned failed chips returned to the supplier
 * @param scrapped failed chips scrapped
 * @param backordered accelerators requested of exactly this SKU that no stock could fill yet
 * @param version the SKU's change count: a higher version is a later inventory
 * @param reportedAt simulated time of the report
 */
public record SkuInventoryReported(
        String sku,
        long produced,
        long inStock,
        long reserved,
        long installed,
        long failed,
        long returned,
        long scrapped,
        long backordered,
        long version,
        Instant reportedAt) {

    public SkuInventoryReported {
        Require.text(sku, "sku");
        for (long count :
                new long[] {produced, inStock, reserved, installed, failed, returned, scrapped, backordered, version}) {
            if (count < 0) {
                throw new InvalidEventException("counts must be >= 0, was " + count);
            }
        }
        long accounted = inStock + reserved + installed + failed + returned + scrapped;
        if (produced != accounted) {
            throw new InvalidEventException(
                    "produced (" + produced + ") must equal the chips in all states (" + accounted + ")");
        }
        Require.present(reportedAt, "reportedAt");
    }
}
