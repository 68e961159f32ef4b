package io.terafab.chip.domain;

import java.util.List;

/** Accelerators of one SKU installed into one rack for a request. */
public record RackInstall(String requestId, String sku, String rackId, List<String> acceleratorIds) {
}
