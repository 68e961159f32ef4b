package io.terafab.fab.simulation;

/**
 * What a tool's own telemetry says about it, overriding the simulated state: broken down, in
 * maintenance, or back up (which also ends an ongoing simulated breakdown or maintenance).
 */
public enum ToolReport {
    DOWN(ToolState.UNSCHEDULED_DOWN),
    PM(ToolState.SCHEDULED_DOWN),
    UP(null);

    private final ToolState forced;

    ToolReport(ToolState forced) {
        this.forced = forced;
    }

    /** The state the report holds the tool in until an {@link #UP}; {@code null} for {@link #UP}. */
    public ToolState forcedState() {
        return forced;
    }
}
