package io.terafab.chip.domain;

import java.time.Instant;

/**
 * An accelerator that left service: FAILED, then RETURNED or SCRAPPED. Installed accelerators are
 * not listed one by one (their rack slices say where they are); only these few are.
 */
public record RetiredAccelerator(
        String acceleratorId, ChipState state, Instant failedAt, String reason, Instant disposedAt) {

    RetiredAccelerator disposed(ChipState finalState, Instant at) {
        return new RetiredAccelerator(acceleratorId, finalState, failedAt, reason, at);
    }
}
