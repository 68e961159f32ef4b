package io.terafab.contract;

import java.time.Instant;
import java.util.Set;

/**
 * Telemetry of one fab tool from an integrator: either a state change reported by the tool or
 * its MES, or a reading of one quantity with the limits the tool must stay within. fab-service
 * overrides the simulated state of the tool from the event's time {@code at} on:
 * <ul>
 *   <li>{@code DOWN}: the tool broke down (unscheduled down until an {@code UP});</li>
 *   <li>{@code PM}: the tool is in maintenance (scheduled down until an {@code UP});</li>
 *   <li>{@code UP} or {@code IDLE}: the tool is back in service (an ongoing breakdown or
 *       maintenance, simulated or reported, is over);</li>
 *   <li>a {@code reading} outside {@code [min, max]} takes the tool down, as a {@code DOWN}; a
 *       reading within its limits changes nothing.</li>
 * </ul>
 * Exactly one of {@code state} and {@code reading} is given. Whether the tool exists is checked
 * by fab-service, which knows the tools (ids as listed by {@code GET /fab/tools}).
 *
 * @param toolId the tool (Kafka key)
 * @param state one of {@link #STATES}, or {@code null} for a reading
 * @param reading a reading with its limits, or {@code null} for a state change
 * @param at simulated time of the observation
 */
public record ToolTelemetryReported(String toolId, String state, Reading reading, Instant at) {

    public static final String DOWN = "DOWN";
    public static final String UP = "UP";
    public static final String PM = "PM";
    public static final String IDLE = "IDLE";
    public static final Set<String> STATES = Set.of(DOWN, UP, PM, IDLE);

    public ToolTelemetryReported {
        Require.text(toolId, "toolId");
        if ((state == null) == (reading == null)) {
            throw new InvalidEventException("exactly one of state and reading is required");
        }
        if (state != null && !STATES.contains(state)) {
            throw new InvalidEventException("state must be one of DOWN, UP, PM, IDLE, was " + state);
        }
        Require.present(at, "at");
    }

    /** A state change with no reading. */
    public static ToolTelemetryReported state(String toolId, String state, Instant at) {
        return new ToolTelemetryReported(toolId, state, null, at);
    }

    /** Whether this is a reading outside its limits, which takes the tool down. */
    public boolean outOfLimits() {
        return reading != null && !reading.withinLimits();
    }

    /**
     * One measured quantity and the limits the tool must stay within.
     *
     * @param quantity what was measured (for example {@code chamber-temperature}), free text for the log
     * @param value the reading, finite
     * @param min the lowest value the tool may run at, finite
     * @param max the highest value the tool may run at, finite and above {@code min}
     */
    public record Reading(String quantity, double value, double min, double max) {

        public Reading {
            Require.text(quantity, "reading.quantity");
            finite(value, "reading.value");
            finite(min, "reading.min");
            finite(max, "reading.max");
            if (!(max > min)) {
                throw new InvalidEventException("reading.max must be above reading.min, were " + max + " and " + min);
            }
        }

        public boolean withinLimits() {
            return value >= min && value <= max;
        }

        private static void finite(double value, String field) {
            if (!Double.isFinite(value)) {
                throw new InvalidEventException(field + " must be a finite number, was " + value);
            }
        }
    }
}
