package io.terafab.power.domain;

import java.time.Instant;

/**
 * A solar plant's output as a meter read it.
 *
 * @param outputMw what the meter read
 * @param at simulated time of the reading
 */
public record MeasuredOutput(double outputMw, Instant at) {}
