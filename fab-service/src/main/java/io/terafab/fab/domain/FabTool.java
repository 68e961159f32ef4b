package io.terafab.fab.domain;

import io.terafab.fab.simulation.ToolState;

/**
 * One tool of the fab as operators and integrators name it.
 *
 * @param toolId stable id {@code <group>.<n>}, n counted from 1 within the group
 * @param group its tool group
 * @param area the group's fab area
 * @param state its SEMI E10 state now
 * @param overridden whether the tool's own telemetry holds it in that state (not the simulation)
 */
public record FabTool(String toolId, String group, String area, ToolState state, boolean overridden) {

    /** The id of the {@code index}-th tool (from 0) of {@code group}: stable as long as the fab's definition is. */
    public static String idOf(String group, int index) {
        return group + "." + (index + 1);
    }
}
