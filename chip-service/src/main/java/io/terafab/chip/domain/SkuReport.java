package io.terafab.chip.domain;

/**
 * The inventory of one SKU as last announced: its counts and the accelerators backordered for
 * exactly this SKU. {@code number} counts the SKU's reports from 1.
 */
public record SkuReport(String sku, ChipCounts counts, long backordered, long number) {}
