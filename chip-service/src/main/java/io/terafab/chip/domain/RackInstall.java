package io.terafab.chip.domain;

import java.util.List;

/**
 * Accelerators of one SKU installed into one rack for a request.
 *
 * @param sequence numbers the installs of one request from 0, so the event announcing it gets
 *     the same id however often it is published
 */
public record RackInstall(String requestId, int sequence, String sku, String rackId, List<String> acceleratorIds) {}
