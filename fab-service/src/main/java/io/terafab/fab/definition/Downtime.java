package io.terafab.fab.definition;

import io.terafab.fab.simulation.Distribution;
import java.util.List;

/**
 * Tools going down, each tool on its own schedule.
 *
 * @param name the calendar
 * @param maintenance true for preventive maintenance (SEMI E10 scheduled down), false for breakdowns
 * @param toolGroups indexes of the groups whose every tool follows it
 * @param firstAfter time to the first occurrence (null when counted in wafers)
 * @param between time from the end of one occurrence to the next (null when counted in wafers)
 * @param firstAfterWafers wafers a tool processes before the first occurrence (when counted in wafers)
 * @param betweenWafers wafers processed from the end of one occurrence to the next (0 when counted in time)
 * @param duration how long the tool is down
 */
public record Downtime(
        String name,
        boolean maintenance,
        List<Integer> toolGroups,
        Distribution firstAfter,
        Distribution between,
        long firstAfterWafers,
        long betweenWafers,
        Distribution duration) {

    public Downtime {
        toolGroups = List.copyOf(toolGroups);
        boolean byTime = between != null && firstAfter != null && betweenWafers == 0;
        boolean byWafers = between == null && firstAfter == null && betweenWafers > 0 && firstAfterWafers >= 0;
        if (byTime == byWafers) {
            throw new IllegalArgumentException("downtime " + name
                    + " needs either times (first, between) or wafer counts (first, between) for its occurrences");
        }
        if (duration == null) {
            throw new IllegalArgumentException("downtime " + name + " needs a duration");
        }
    }
}
