package io.terafab.chip.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reservations of a {@link ChipInventory} still open: chips taken from stock for a capacity
 * request, installable once the install lead time has passed and put back in stock if not
 * installed within the reservation TTL. A reservation is closed when its last chip is installed or
 * when it expires.
 *
 * <p>The inventory opens reservations here ({@link #open}) so that their ids and times are made in
 * one place; it moves their chips in the counts and batches itself.
 */
final class OpenReservations {

    /** Due reservations are served by priority, then first come first served. */
    private static final Comparator<Reservation> INSTALL_ORDER = Comparator.comparingInt(Reservation::priority)
            .reversed()
            .thenComparingLong(Reservation::requestSequence)
            .thenComparing(Reservation::reservedAt)
            .thenComparing(Reservation::reservationId);

    private final Map<String, Reservation> reservations = new TreeMap<>();
    private final Duration installLeadTime;
    private final Duration ttl;

    OpenReservations(Duration installLeadTime, Duration ttl) {
        this.installLeadTime = installLeadTime;
        this.ttl = ttl;
    }

    /**
     * Opens a reservation of {@code shares} for a request that has just counted it
     * ({@link CapacityRequest#reservationsMade()} numbers it).
     */
    void open(CapacityRequest request, String sku, List<BatchShare> shares, Instant now) {
        String reservationId = request.requestId() + "#" + request.reservationsMade();
        reservations.put(
                reservationId,
                new Reservation(
                        reservationId,
                        request.requestId(),
                        sku,
                        request.priority(),
                        request.sequence(),
                        now,
                        now.plus(installLeadTime),
                        now.plus(ttl),
                        shares));
    }

    /** Keeps what an install left of a reservation, closing it when nothing is left. */
    void update(Reservation rest) {
        if (rest.chips() == 0) {
            reservations.remove(rest.reservationId());
        } else {
            reservations.put(rest.reservationId(), rest);
        }
    }

    void close(String reservationId) {
        reservations.remove(reservationId);
    }

    // ---- queries -------------------------------------------------------------------------------

    /** When the first open reservation can be installed: from then on the crews are busy. */
    Optional<Instant> firstInstallableAt() {
        return reservations.values().stream().map(Reservation::installableAt).min(Comparator.naturalOrder());
    }

    /** The reservations installable at {@code now}, in install order. */
    List<Reservation> due(Instant now) {
        return reservations.values().stream()
                .filter(r -> !r.installableAt().isAfter(now))
                .sorted(INSTALL_ORDER)
                .toList();
    }

    /** The reservations whose TTL is over at {@code now}, by id. */
    List<Reservation> overdue(Instant now) {
        return reservations.values().stream()
                .filter(r -> !r.expiresAt().isAfter(now))
                .toList();
    }

    int size() {
        return reservations.size();
    }

    List<Reservation> inInstallOrder() {
        return reservations.values().stream().sorted(INSTALL_ORDER).toList();
    }

    // ---- snapshots -----------------------------------------------------------------------------

    List<Reservation> state() {
        return List.copyOf(reservations.values());
    }

    void restore(List<Reservation> saved) {
        reservations.clear();
        saved.forEach(r -> reservations.put(r.reservationId(), r));
    }
}
