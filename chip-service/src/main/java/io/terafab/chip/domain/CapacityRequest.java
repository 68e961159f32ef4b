package io.terafab.chip.domain;

import java.time.Instant;

/**
 * A request for accelerators and what became of it. Every accelerator asked for is accounted for:
 * {@code requested = backordered + backorderCancelled + reservedTotal}, and what was reserved is
 * still reserved, installed or expired back to stock.
 *
 * @param requestId the request
 * @param sku the SKU asked for, or {@code null} for any SKU
 * @param priority higher is served first
 * @param sequence arrival order, first come first served among equal priorities
 * @param receivedAt simulated time of arrival
 * @param requested accelerators asked for
 * @param filledOnArrival accelerators reserved from stock the moment the request arrived
 * @param reservedTotal accelerators reserved so far, on arrival and from backorder
 * @param installed accelerators installed for it
 * @param expired reserved accelerators not installed in time, put back in stock
 * @param backordered accelerators still waiting for stock
 * @param backorderCancelled backordered accelerators given up when the backorder expired
 * @param reservationsMade numbers the request's reservations
 * @param allocationsMade numbers the request's allocations (one per rack install)
 */
public record CapacityRequest(
        String requestId,
        String sku,
        int priority,
        long sequence,
        Instant receivedAt,
        long requested,
        long filledOnArrival,
        long reservedTotal,
        long installed,
        long expired,
        long backordered,
        long backorderCancelled,
        int reservationsMade,
        int allocationsMade) {

    /** The SKU spec as shown to operators and in metric tags. */
    public static final String ANY_SKU = "any";

    /** A request as it arrives: nothing reserved, installed, expired or backordered yet. */
    static CapacityRequest received(
            String requestId, String sku, int priority, long sequence, Instant receivedAt, long requested) {
        return new CapacityRequest(requestId, sku, priority, sequence, receivedAt, requested, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public String skuOrAny() {
        return sku == null ? ANY_SKU : sku;
    }

    CapacityRequest reserved(long chips, boolean onArrival) {
        return new CapacityRequest(
                requestId,
                sku,
                priority,
                sequence,
                receivedAt,
                requested,
                filledOnArrival + (onArrival ? chips : 0),
                reservedTotal + chips,
                installed,
                expired,
                backordered - (onArrival ? 0 : chips),
                backorderCancelled,
                reservationsMade + 1,
                allocationsMade);
    }

    CapacityRequest backordering(long chips) {
        return new CapacityRequest(
                requestId,
                sku,
                priority,
                sequence,
                receivedAt,
                requested,
                filledOnArrival,
                reservedTotal,
                installed,
                expired,
                backordered + chips,
                backorderCancelled,
                reservationsMade,
                allocationsMade);
    }

    CapacityRequest installedChips(long chips) {
        return new CapacityRequest(
                requestId,
                sku,
                priority,
                sequence,
                receivedAt,
                requested,
                filledOnArrival,
                reservedTotal,
                installed + chips,
                expired,
                backordered,
                backorderCancelled,
                reservationsMade,
                allocationsMade + 1);
    }

    CapacityRequest expiredChips(long chips) {
        return new CapacityRequest(
                requestId,
                sku,
                priority,
                sequence,
                receivedAt,
                requested,
                filledOnArrival,
                reservedTotal,
                installed,
                expired + chips,
                backordered,
                backorderCancelled,
                reservationsMade,
                allocationsMade);
    }

    CapacityRequest cancelBackorder() {
        return new CapacityRequest(
                requestId,
                sku,
                priority,
                sequence,
                receivedAt,
                requested,
                filledOnArrival,
                reservedTotal,
                installed,
                expired,
                0,
                backorderCancelled + backordered,
                reservationsMade,
                allocationsMade);
    }
}
