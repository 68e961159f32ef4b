package io.terafab.fab.definition;

/**
 * Identical tools sharing one queue.
 *
 * @param name the group (SMT2020's STNFAM)
 * @param area the fab area it belongs to (litho, etch, ...), a bounded metric tag
 * @param tools how many tools
 * @param rule how a free tool picks its next lot
 * @param loadSeconds time to load a job before processing
 * @param unloadSeconds time to unload it after
 * @param idleWatts draw of one tool that is up but not processing
 * @param busyWatts draw of one tool while processing
 */
public record ToolGroup(
        String name,
        String area,
        int tools,
        DispatchRule rule,
        double loadSeconds,
        double unloadSeconds,
        double idleWatts,
        double busyWatts) {

    public ToolGroup {
        if (name == null || name.isBlank() || area == null || area.isBlank()) {
            throw new IllegalArgumentException("tool group needs a name and an area");
        }
        if (tools <= 0) {
            throw new IllegalArgumentException("tool group " + name + " needs at least one tool, has " + tools);
        }
        if (rule == null) {
            throw new IllegalArgumentException("tool group " + name + " needs a dispatch rule");
        }
        if (!(loadSeconds >= 0) || !(unloadSeconds >= 0) || !(idleWatts >= 0) || !(busyWatts >= idleWatts)) {
            throw new IllegalArgumentException(
                    "tool group " + name + ": load/unload times and powers must be >= 0 and busy power >= idle power");
        }
    }

    /** What one tool adds to the draw while it processes: busy − idle watts. */
    public double productiveWatts() {
        return busyWatts - idleWatts;
    }
}
