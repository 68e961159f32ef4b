package io.terafab.fab.simulation;

/**
 * A tool's state, in SEMI E10 terms: productive, standby, scheduled down (maintenance),
 * unscheduled down (breakdown), plus held for power, a standby the grid forced.
 */
public enum ToolState {
    PRODUCTIVE,
    STANDBY,
    SCHEDULED_DOWN,
    UNSCHEDULED_DOWN,
    POWER_HELD;

    /** The metric tag value: lower case. */
    public String tag() {
        return name().toLowerCase();
    }
}
