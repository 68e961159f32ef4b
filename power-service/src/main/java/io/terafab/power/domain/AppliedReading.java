package io.terafab.power.domain;

import java.time.Instant;

/**
 * A meter reading the grid applied, and the tick that applied it.
 *
 * @param reading the reading
 * @param appliedAt simulated time of the tick from which the reading held
 */
public record AppliedReading(MeterReading reading, Instant appliedAt) {}
