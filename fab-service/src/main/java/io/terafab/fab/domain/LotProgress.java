package io.terafab.fab.domain;

import java.time.Instant;

/**
 * A lot in process.
 *
 * @param lotId {@code LOT-<8 digits>}, numbered in release order
 * @param wafers wafers in the lot
 * @param startedAt simulated release time
 * @param progress share of the route done, in [0, 1)
 */
public record LotProgress(String lotId, int wafers, Instant startedAt, double progress) {
}
