package io.terafab.chip.domain;

/**
 * Some chips of one batch: what a reservation holds, batch by batch, so installs keep lineage. The
 * lot is carried along, so a rack knows its chips' lot even if the batch left the lineage window
 * while the chips were reserved.
 */
public record BatchShare(String batchId, String lotId, long chips) {}
