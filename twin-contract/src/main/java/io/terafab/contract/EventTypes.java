package io.terafab.contract;

/** Versioned CloudEvents types: {@code io.terafab.<domain>.<event>.v<N>}, events in the past tense. */
public final class EventTypes {

    public static final String WAFER_OUT_RECORDED = "io.terafab.fab.wafer-out-recorded.v1";
    public static final String FAB_POWER_DRAW_REPORTED = "io.terafab.fab.power-draw-reported.v1";
    public static final String DC_POWER_DRAW_REPORTED = "io.terafab.dc.power-draw-reported.v1";
    public static final String BUDGET_ISSUED = "io.terafab.power.budget-issued.v1";
    public static final String CAPACITY_REQUESTED = "io.terafab.scheduler.capacity-requested.v1";
    public static final String ACCELERATORS_ALLOCATED = "io.terafab.chips.accelerators-allocated.v1";
    public static final String JOB_SUBMITTED = "io.terafab.jobs.job-submitted.v1";

    private EventTypes() {
    }
}
