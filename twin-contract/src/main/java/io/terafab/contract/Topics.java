package io.terafab.contract;

/** Kafka topics of the twin, keyed so that one entity's events stay in order. */
public final class Topics {

    /** Finished lots, key = lot id. Producer: fab-service. */
    public static final String FAB_WAFER_OUTS = "fab.wafer-outs";
    /** The fab's power demand and draw each tick, key = {@code fab}. Producer: fab-service. */
    public static final String FAB_POWER_DRAW = "fab.power-draw";
    /**
     * Compacted: the fab's latest supply forecast (wafers out and good dies per SKU per week, P10/P50/P90),
     * key = {@code fab}. Producer: fab-service.
     */
    public static final String FAB_FORECASTS = "fab.forecasts";
    /** Fab tool state changes and readings, key = tool id. Producer: integrators (tools, MES). */
    public static final String SENSOR_TOOL_TELEMETRY = "sensor.tool-telemetry";
    /** The data center's power demand and draw each tick, key = {@code dc}. Producer: scheduler-service. */
    public static final String DC_POWER_DRAW = "dc.power-draw";
    /** Power caps per consumer, key = consumer ({@code fab}, {@code dc}). Producer: power-service. */
    public static final String POWER_BUDGET = "power.budget";
    /** Power meter readings (solar output, grid import limit, battery state of charge, breakers), key = meter id. Producer: integrators. */
    public static final String SENSOR_METER_READINGS = "sensor.meter-readings";
    /** The campus grid at a dispatch, compacted, key = site. Producer: power-service. */
    public static final String POWER_GRID_STATE = "power.grid-state";
    /**
     * Operators' commands to power-service (set the import cap), key = {@code grid}. Producer and
     * consumer: power-service (its REST writes go through the log).
     */
    public static final String POWER_COMMANDS = "power.commands";
    /** Requests for more accelerators, key = request id. Producer: scheduler-service. */
    public static final String CLUSTER_CAPACITY_REQUESTS = "cluster.capacity-requests";
    /** Accelerators installed for a request, key = request id. Producer: chip-service. */
    public static final String CHIPS_ALLOCATIONS = "chips.allocations";
    /** Failed accelerators taken out of the cluster, key = rack id. Producer: chip-service. */
    public static final String CHIPS_REMOVALS = "chips.removals";
    /** Compacted: the latest inventory of each SKU in every state, key = SKU. Producer: chip-service. */
    public static final String CHIPS_INVENTORY = "chips.inventory";
    /**
     * Compacted: accelerators available per week ahead (stock and the fab's forecast, P10/P50/P90),
     * key = the forecast's fab. Producer: chip-service.
     */
    public static final String CHIPS_AVAILABILITY = "chips.availability";
    /**
     * Operators' commands to chip-service (return or scrap a failed accelerator), key = accelerator
     * id. Producer and consumer: chip-service (its REST writes go through the log).
     */
    public static final String CHIPS_COMMANDS = "chips.commands";
    /** Health of installed accelerators, key = accelerator id. Producers: integrators' monitoring. */
    public static final String SENSOR_ACCELERATOR_HEALTH = "sensor.accelerator-health";
    /** AI jobs submitted by integrators, and their cancellations, key = job id. */
    public static final String JOBS_REQUESTS = "jobs.requests";
    /** Job lifecycle (queued, started, preempted, paused, resumed, completed, failed, cancelled), key = job id. Producer: scheduler-service. */
    public static final String JOBS_EVENTS = "jobs.events";

    /** The dead-letter topic of a topic: rejected records with the reason in their headers. */
    public static String deadLetters(String topic) {
        return topic + ".dlq";
    }

    /** The compacted snapshot topic of a service. */
    public static String state(String service) {
        return service + ".state";
    }

    private Topics() {}
}
