package io.terafab.contract;

/** Versioned CloudEvents types: {@code io.terafab.<domain>.<event>.v<N>}, events in the past tense. */
public final class EventTypes {

    public static final String WAFER_OUT_RECORDED = "io.terafab.fab.wafer-out-recorded.v1";
    public static final String FAB_POWER_DRAW_REPORTED = "io.terafab.fab.power-draw-reported.v1";
    public static final String FAB_FORECAST_PUBLISHED = "io.terafab.fab.forecast-published.v1";
    public static final String TOOL_TELEMETRY_REPORTED = "io.terafab.sensor.tool-telemetry-reported.v1";
    public static final String DC_POWER_DRAW_REPORTED = "io.terafab.dc.power-draw-reported.v1";
    public static final String BUDGET_ISSUED = "io.terafab.power.budget-issued.v1";
    public static final String METER_READING_REPORTED = "io.terafab.sensor.meter-reading-reported.v1";
    public static final String GRID_STATE_RECORDED = "io.terafab.power.grid-state-recorded.v1";
    public static final String CAPACITY_REQUESTED = "io.terafab.scheduler.capacity-requested.v1";
    public static final String ACCELERATORS_ALLOCATED = "io.terafab.chips.accelerators-allocated.v1";
    public static final String ACCELERATORS_REMOVED = "io.terafab.chips.accelerators-removed.v1";
    public static final String SKU_INVENTORY_REPORTED = "io.terafab.chips.sku-inventory-reported.v1";
    public static final String ACCELERATOR_AVAILABILITY_PUBLISHED =
            "io.terafab.chips.accelerator-availability-published.v1";
    public static final String ACCELERATOR_HEALTH_REPORTED = "io.terafab.sensor.accelerator-health-reported.v1";
    public static final String ACCELERATOR_RETURN_REQUESTED = "io.terafab.chips.accelerator-return-requested.v1";
    public static final String ACCELERATOR_SCRAP_REQUESTED = "io.terafab.chips.accelerator-scrap-requested.v1";
    public static final String IMPORT_CAP_CHANGE_REQUESTED = "io.terafab.power.import-cap-change-requested.v1";
    public static final String JOB_SUBMITTED = "io.terafab.jobs.job-submitted.v1";
    public static final String JOB_CANCELLATION_REQUESTED = "io.terafab.jobs.job-cancellation-requested.v1";
    public static final String JOB_QUEUED = "io.terafab.jobs.job-queued.v1";
    public static final String JOB_STARTED = "io.terafab.jobs.job-started.v1";
    public static final String JOB_PREEMPTED = "io.terafab.jobs.job-preempted.v1";
    public static final String JOB_PAUSED = "io.terafab.jobs.job-paused.v1";
    public static final String JOB_RESUMED = "io.terafab.jobs.job-resumed.v1";
    public static final String JOB_COMPLETED = "io.terafab.jobs.job-completed.v1";
    public static final String JOB_FAILED = "io.terafab.jobs.job-failed.v1";
    public static final String JOB_CANCELLED = "io.terafab.jobs.job-cancelled.v1";

    private EventTypes() {}
}
