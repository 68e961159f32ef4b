package io.terafab.power.domain;

import java.util.Map;

/**
 * Everything the grid needs to resume, as plain data for snapshots.
 *
 * @param importCapMw the import cap in force (operators may have changed it from the configured one)
 * @param consumers each consumer's latest reading
 * @param ticks dispatches issued so far
 * @param lastDispatch the latest dispatch, or null before the first tick
 */
public record GridState(double importCapMw, Map<String, ConsumerLoad.ConsumerLoadState> consumers, long ticks,
        Dispatch lastDispatch) {
}
