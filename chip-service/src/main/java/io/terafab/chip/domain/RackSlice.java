package io.terafab.chip.domain;

import java.time.Instant;

/**
 * Accelerators of one batch installed together in one rack: consecutive serials
 * {@code firstSerial .. firstSerial + count - 1}, so a rack's lineage is a few slices rather than a
 * line per accelerator.
 */
public record RackSlice(
        String rackId,
        String requestId,
        String sku,
        String batchId,
        String lotId,
        long firstSerial,
        int count,
        Instant installedAt) {

    boolean holds(long serial) {
        return serial >= firstSerial && serial < firstSerial + count;
    }
}
