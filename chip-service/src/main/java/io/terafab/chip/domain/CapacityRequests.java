package io.terafab.chip.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every capacity request the inventory received and what became of it, with the requests still
 * waiting for stock (backorders) indexed so that serving them does not scan history.
 *
 * <p>The inventory makes new requests here ({@link #receive}) so that arrival sequence numbers
 * are handed out in one place; every later change of a request goes through {@link #put}, which
 * keeps the backorder index true.
 */
public final class CapacityRequests {

    /** Waiting requests are served by priority, then first come first served. */
    static final Comparator<CapacityRequest> BACKORDER_ORDER =
            Comparator.comparingInt(CapacityRequest::priority).reversed().thenComparingLong(CapacityRequest::sequence);

    private final Map<String, CapacityRequest> requests = new LinkedHashMap<>();
    private final Set<String> backordered = new TreeSet<>(); // an index, rebuilt on restore
    private long nextSequence;

    boolean contains(String requestId) {
        return requests.containsKey(requestId);
    }

    /** A new request as it arrives, numbered in arrival order. */
    CapacityRequest receive(String requestId, String skuOrNull, int priority, Instant at, long accelerators) {
        CapacityRequest request =
                CapacityRequest.received(requestId, skuOrNull, priority, nextSequence++, at, accelerators);
        put(request);
        return request;
    }

    CapacityRequest get(String requestId) {
        return requests.get(requestId);
    }

    void put(CapacityRequest request) {
        requests.put(request.requestId(), request);
        if (request.backordered() > 0) {
            backordered.add(request.requestId());
        } else {
            backordered.remove(request.requestId());
        }
    }

    /** Backorders received {@code ttl} or longer before {@code now}. */
    List<CapacityRequest> staleBackorders(Instant now, Duration ttl) {
        return backordered.stream()
                .map(requests::get)
                .filter(r -> !r.receivedAt().plus(ttl).isAfter(now))
                .toList();
    }

    long backorderedFor(String sku) {
        return backordered.stream()
                .map(requests::get)
                .filter(r -> sku.equals(r.sku()))
                .mapToLong(CapacityRequest::backordered)
                .sum();
    }

    // ---- queries -------------------------------------------------------------------------------

    public Optional<CapacityRequest> find(String requestId) {
        return Optional.ofNullable(requests.get(requestId));
    }

    /** Requests waiting for stock, in the order they will be served. */
    public List<CapacityRequest> backorders() {
        return backordered.stream().map(requests::get).sorted(BACKORDER_ORDER).toList();
    }

    public int backorderedCount() {
        return backordered.size();
    }

    /**
     * Accelerators backordered per SKU asked for ({@link CapacityRequest#ANY_SKU} for any), every
     * SKU of {@code skus} present, 0 when nothing waits for it.
     */
    public Map<String, Long> backorderedBySku(Collection<String> skus) {
        Map<String, Long> bySku = new TreeMap<>();
        skus.forEach(sku -> bySku.put(sku, 0L));
        bySku.put(CapacityRequest.ANY_SKU, 0L);
        backordered.forEach(
                id -> bySku.merge(requests.get(id).skuOrAny(), requests.get(id).backordered(), Long::sum));
        return bySku;
    }

    /** Accelerators asked for by all requests so far. */
    public long requestedTotal() {
        return requests.values().stream().mapToLong(CapacityRequest::requested).sum();
    }

    /** Accelerators reserved from stock the moment their request arrived. */
    public long filledOnArrivalTotal() {
        return requests.values().stream()
                .mapToLong(CapacityRequest::filledOnArrival)
                .sum();
    }

    /** Reserved accelerators put back in stock because they were not installed in time. */
    public long expiredTotal() {
        return requests.values().stream().mapToLong(CapacityRequest::expired).sum();
    }

    /** Share of requested accelerators filled from stock on arrival; NaN before the first request. */
    public double fillRatio() {
        long requested = requestedTotal();
        return requested == 0 ? Double.NaN : filledOnArrivalTotal() / (double) requested;
    }

    // ---- snapshots -----------------------------------------------------------------------------

    List<CapacityRequest> state() {
        return List.copyOf(requests.values());
    }

    long nextSequence() {
        return nextSequence;
    }

    void restore(List<CapacityRequest> saved, long savedNextSequence) {
        requests.clear();
        backordered.clear();
        saved.forEach(this::put);
        nextSequence = savedNextSequence;
    }
}
