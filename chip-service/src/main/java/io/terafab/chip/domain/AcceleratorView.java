package io.terafab.chip.domain;

import java.time.Instant;

/** Everything known about one accelerator: where it is, where it came from, and its state. */
public record AcceleratorView(
        String acceleratorId,
        String sku,
        ChipState state,
        String rackId,
        String requestId,
        String batchId,
        String lotId,
        Instant installedAt,
        Instant failedAt,
        String failureReason,
        Instant disposedAt) {}
