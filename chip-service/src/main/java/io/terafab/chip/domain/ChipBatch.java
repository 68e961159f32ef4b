package io.terafab.chip.domain;

import java.time.Instant;

/**
 * The chips of one SKU made from one lot: the middle link of the lineage lot → batch → rack.
 *
 * @param batchId {@code <lot id>/<SKU>}
 * @param lotId the lot the dies came from
 * @param sku the SKU of the bin the dies were sorted into
 * @param sequence production order; stock is taken oldest batch first
 * @param goodDies dies good at wafer sort in this bin
 * @param packaged dies that survived packaging
 * @param producedAt simulated time the batch entered stock
 * @param counts the batch's chips in every state ({@code counts.produced()} passed final test)
 */
public record ChipBatch(
        String batchId,
        String lotId,
        String sku,
        long sequence,
        long goodDies,
        long packaged,
        Instant producedAt,
        ChipCounts counts) {

    /** Stands for the lot of chips whose batch was folded out of the lineage window. */
    public static final String UNTRACKED_LOT = "(untracked)";

    static String idOf(String lotId, String sku) {
        return lotId + "/" + sku;
    }

    /** The id reservations and rack slices use for chips of a SKU's untracked aggregate. */
    static String untrackedId(String sku) {
        return idOf(UNTRACKED_LOT, sku);
    }

    ChipBatch withCounts(ChipCounts newCounts) {
        return new ChipBatch(batchId, lotId, sku, sequence, goodDies, packaged, producedAt, newCounts);
    }
}
