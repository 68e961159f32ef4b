package io.terafab.chip.domain;

import java.time.Instant;
import java.util.List;

/**
 * Chips of one SKU held for a capacity request until they are installed, or until the reservation
 * expires and they go back to stock.
 *
 * @param reservationId {@code <request id>#<n>}
 * @param requestId the request it serves
 * @param sku the SKU held
 * @param priority the request's priority (higher installs first)
 * @param requestSequence the request's arrival order (earlier installs first among equals)
 * @param reservedAt simulated time of the reservation
 * @param installableAt from when the chips can be installed (after the install lead time)
 * @param expiresAt when what is still not installed goes back to stock
 * @param shares the chips still held, per batch, oldest first
 */
public record Reservation(
        String reservationId,
        String requestId,
        String sku,
        int priority,
        long requestSequence,
        Instant reservedAt,
        Instant installableAt,
        Instant expiresAt,
        List<BatchShare> shares) {

    public Reservation {
        shares = List.copyOf(shares);
    }

    public long chips() {
        return shares.stream().mapToLong(BatchShare::chips).sum();
    }

    Reservation withShares(List<BatchShare> remaining) {
        return new Reservation(
                reservationId,
                requestId,
                sku,
                priority,
                requestSequence,
                reservedAt,
                installableAt,
                expiresAt,
                remaining);
    }
}
