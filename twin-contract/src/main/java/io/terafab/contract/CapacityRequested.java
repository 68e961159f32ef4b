package io.terafab.contract;

/**
 * The scheduler asks for more accelerators.
 *
 * @param requestId the request (Kafka key)
 * @param accelerators how many
 * @param sku a SKU, or {@code null} for any
 * @param priority higher first
 */
public record CapacityRequested(String requestId, int accelerators, String sku, int priority) {

    public CapacityRequested {
        Require.text(requestId, "requestId");
        Require.positive(accelerators, "accelerators");
        if (sku != null && sku.isBlank()) {
            throw new InvalidEventException("sku must be a SKU name or absent");
        }
    }
}
