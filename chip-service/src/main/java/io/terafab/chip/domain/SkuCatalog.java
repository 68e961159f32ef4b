package io.terafab.chip.domain;

import io.terafab.platform.model.ModelRejection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which chips a product's speed bins become: the SKU of bin {@code b} of product {@code p} is
 * {@code p-b}. A product or bin outside the catalog is unknown and rejected, never guessed.
 */
public final class SkuCatalog {

    private final Set<String> products;
    private final List<String> bins;

    public SkuCatalog(Set<String> products, List<String> bins) {
        this.products = new TreeSet<>(products);
        this.bins = List.copyOf(bins);
    }

    public String skuOf(String product, String bin) {
        requireProduct(product);
        if (!bins.contains(bin)) {
            throw new ModelRejection(
                    ModelRejection.Kind.UNKNOWN_ENTITY,
                    "unknown bin " + bin + " of product " + product + " (known: " + bins + ")");
        }
        return product + "-" + bin;
    }

    /** Rejects a product the catalog does not know. */
    public void requireProduct(String product) {
        if (!products.contains(product)) {
            throw new ModelRejection(
                    ModelRejection.Kind.UNKNOWN_ENTITY, "unknown product " + product + " (known: " + products + ")");
        }
    }

    public boolean isSku(String sku) {
        return products.stream().anyMatch(p -> bins.stream().anyMatch(b -> sku.equals(p + "-" + b)));
    }

    /** All SKUs, best bin first within each product. */
    public List<String> skus() {
        return products.stream()
                .flatMap(p -> bins.stream().map(b -> p + "-" + b))
                .toList();
    }
}
