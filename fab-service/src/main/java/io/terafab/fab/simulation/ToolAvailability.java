package io.terafab.fab.simulation;

import io.terafab.fab.definition.Downtime;
import java.util.List;

/**
 * When the tools of a {@link FabSimulation} go down and come back: breakdowns and maintenance on
 * their own calendars (or after so many wafers), and the tools' own reports, which override the
 * simulated state until the tool reports UP (see {@link FabSimulation#report}).
 */
final class ToolAvailability {

    private final FabSimulation simulation;
    private final List<Downtime> downtimes;
    private final FabLayout layout;
    private final ToolTable tools;
    private final PowerShedding power;
    private final RandomStream downtimeRandom;

    ToolAvailability(
            FabSimulation simulation,
            FabLayout layout,
            ToolTable tools,
            PowerShedding power,
            RandomStream downtimeRandom) {
        this.simulation = simulation;
        this.downtimes = simulation.definition().downtimes();
        this.layout = layout;
        this.tools = tools;
        this.power = power;
        this.downtimeRandom = downtimeRandom;
    }

    /** Schedules every tool's first downtime of each kind: by calendar, or after so many wafers. */
    void scheduleFirstDowntimes() {
        for (int d = 0; d < downtimes.size(); d++) {
            Downtime downtime = downtimes.get(d);
            for (int g : downtime.toolGroups()) {
                for (int t = layout.firstToolOfGroup[g]; t < layout.firstToolOfGroup[g + 1]; t++) {
                    if (downtime.betweenWafers() > 0) {
                        tools.nextMaintenanceAtWafers[t][d] = downtime.firstAfterWafers();
                    } else {
                        tools.nextMaintenanceAtWafers[t][d] = Long.MAX_VALUE;
                        simulation.calendar.schedule(
                                downtime.firstAfter().sample(downtimeRandom), FabSimulation.DOWNTIME_DUE, t, d);
                    }
                }
            }
        }
    }

    void downtimeDue(int t, int d) {
        if (tools.state[t] == ToolState.STANDBY) {
            beginDowntime(t, d);
        } else {
            tools.pendingDowntimes[t].add(d); // a running job finishes first; a tool already down goes on after
        }
    }

    void beginDowntime(int t, int d) {
        tools.idle[layout.groupOfTool[t]]--;
        enterDowntime(t, d);
    }

    private void enterDowntime(int t, int d) {
        Downtime downtime = downtimes.get(d);
        simulation.setState(t, downtime.maintenance() ? ToolState.SCHEDULED_DOWN : ToolState.UNSCHEDULED_DOWN);
        tools.activeDowntime[t] = d;
        // the end event carries the tool's downtime epoch, so one a report made stale is recognised
        simulation.calendar.schedule(
                simulation.now() + downtime.duration().sample(downtimeRandom),
                FabSimulation.DOWNTIME_END,
                t,
                d + downtimeSlots() * tools.downtimeEpoch[t]);
    }

    private int downtimeSlots() {
        return Math.max(1, downtimes.size());
    }

    void downtimeEnd(int t, int argument) {
        int d = argument % downtimeSlots();
        if (argument / downtimeSlots() != tools.downtimeEpoch[t]) {
            return; // a report ended this downtime early and scheduled its next occurrence then
        }
        scheduleNextDowntime(t, d);
        if (tools.overridden(t)) {
            return; // the tool's own report holds it down; due downtimes wait for its UP
        }
        if (tools.state[t] != ToolState.SCHEDULED_DOWN && tools.state[t] != ToolState.UNSCHEDULED_DOWN) {
            return; // already back up by a report (restored from a snapshot that did not track downtimes)
        }
        if (!tools.pendingDowntimes[t].isEmpty()) {
            enterDowntime(t, tools.pendingDowntimes[t].removeAt(0));
            return;
        }
        simulation.setState(t, ToolState.STANDBY);
        tools.idle[layout.groupOfTool[t]]++;
        simulation.dispatch(layout.groupOfTool[t]);
    }

    /** Ends downtime {@code d} of tool {@code t} and schedules its next occurrence, by calendar or by wafers. */
    private void scheduleNextDowntime(int t, int d) {
        tools.activeDowntime[t] = -1;
        Downtime downtime = downtimes.get(d);
        if (downtime.betweenWafers() > 0) {
            tools.nextMaintenanceAtWafers[t][d] = tools.wafers[t] + downtime.betweenWafers();
        } else {
            simulation.calendar.schedule(
                    simulation.now() + downtime.between().sample(downtimeRandom), FabSimulation.DOWNTIME_DUE, t, d);
        }
    }

    // ---- tool telemetry

    void applyReport(int t, ToolReport report) {
        if (report == ToolReport.UP) {
            toolUp(t);
        } else {
            toolDown(t, report.forcedState());
        }
    }

    private void toolDown(int t, ToolState forced) {
        int group = layout.groupOfTool[t];
        boolean pausedJob = false;
        if (tools.overridden(t)) {
            pausedJob = tools.reportPausedJob[t]; // DOWN after PM (or back): the same stop
        } else if (tools.state[t] == ToolState.STANDBY) {
            tools.idle[group]--;
        } else if (tools.state[t] == ToolState.PRODUCTIVE) {
            simulation.pauseJob(t);
            power.runningJobStoppedByReport(t);
            pausedJob = true;
        } else if (tools.state[t] == ToolState.POWER_HELD) {
            power.heldJobStoppedByReport(t); // already paused by the cap
            pausedJob = true;
        } // a tool in a simulated downtime stays in it underneath the override
        tools.reportedState[t] = forced;
        tools.reportPausedJob[t] = pausedJob;
        simulation.setState(t, forced);
        power.useHeadroom(); // a stopped tool frees power for held ones
    }

    private void toolUp(int t) {
        boolean overridden = tools.overridden(t);
        boolean pausedJob = overridden && tools.reportPausedJob[t];
        if (tools.activeDowntime[t] >= 0) {
            tools.downtimeEpoch[t]++;
            scheduleNextDowntime(t, tools.activeDowntime[t]);
        } else if (!overridden) {
            return; // up already: nothing to override
        }
        tools.reportedState[t] = null;
        tools.reportPausedJob[t] = false;
        int group = layout.groupOfTool[t];
        if (pausedJob) {
            // back to where the cap would have it: held, then resumed at once if the cap has room
            simulation.setState(t, ToolState.POWER_HELD);
            power.holdAfterReport(t);
            power.useHeadroom();
            return;
        }
        simulation.setState(t, ToolState.STANDBY);
        tools.idle[group]++;
        simulation.dispatch(group);
    }
}
