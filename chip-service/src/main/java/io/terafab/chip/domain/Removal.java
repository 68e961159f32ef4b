package io.terafab.chip.domain;

import java.time.Instant;

/** An accelerator taken out of service because it failed. */
public record Removal(String acceleratorId, String rackId, String sku, String reason, Instant removedAt) {}
