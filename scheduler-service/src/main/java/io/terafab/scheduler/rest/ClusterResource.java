package io.terafab.scheduler.rest;

import io.terafab.contract.Units;
import io.terafab.platform.clock.TwinClock;
import io.terafab.scheduler.domain.AcceleratorOutlook;
import io.terafab.scheduler.domain.BacklogWait;
import io.terafab.scheduler.domain.CapacityRequest;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.PowerReading;
import io.terafab.scheduler.domain.Topology;
import io.terafab.scheduler.twin.SchedulerTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/cluster")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Inject
    SchedulerTwin twin;

    @Inject
    TwinClock clock;

    /**
     * @param total installed
     * @param busy running a job
     * @param paused held by a paused job
     * @param free without a job
     * @param poweredDown of the free ones, switched off to stay within the budget
     * @param utilization busy over installed
     */
    public record AcceleratorsView(int total, int busy, int paused, int free, int poweredDown, double utilization) {}

    public record TopologyView(int racks, int pods, int racksPerPod) {}

    /**
     * @param queued waiting in their tenants' queues
     * @param running running
     * @param paused paused for power
     * @param completed completed since the state began
     * @param failed failed since the state began
     * @param cancelled cancelled since the state began
     * @param accepted accepted since the state began
     * @param preemptedForPriority preemptions for a higher priority job since the state began
     * @param preemptedForPower preemptions for the power budget since the state began
     * @param backfilled jobs started by backfill since the state began
     */
    public record JobsView(
            int queued,
            int running,
            int paused,
            long completed,
            long failed,
            long cancelled,
            long accepted,
            long preemptedForPriority,
            long preemptedForPower,
            long backfilled) {}

    /**
     * @param demandMw facility power with every job at full power
     * @param drawMw facility power under the current caps
     * @param budgetMw the cap from the grid, null before the first budget
     * @param powerFactor running accelerators' mean power share (1 = uncapped)
     * @param cappedJobs running jobs below full power
     * @param cappedJobShare their share of the running jobs
     */
    public record PowerView(
            double demandMw,
            double drawMw,
            Double budgetMw,
            double powerFactor,
            int cappedJobs,
            double cappedJobShare) {}

    /**
     * The backlog's expected wait for accelerators ({@link BacklogWait} states the rule).
     *
     * @param demandAccelerators accelerators of every queued gang
     * @param uncovered of those, beyond the free accelerators and the outstanding request's
     * @param waitState {@code none} (nothing uncovered), {@code unknown} (no availability arrived yet),
     *     {@code within-forecast} or {@code beyond-forecast} (no week of the forecast covers it)
     * @param availableInWeek the forecast week by whose end the uncovered accelerators are available at P50, or null
     * @param availableBy the end of that week, or null
     * @param expectedWaitWeeks weeks from the last tick to {@code availableBy}; 0 for {@code none}, null otherwise
     * @param comingWeekAvailableP50 P50 accelerators available by the end of the coming week, the cap of
     *     capacity requests; null without an availability
     * @param availabilityPublishedAt when chip-service's availability in use was computed, or null
     */
    public record BacklogView(
            long demandAccelerators,
            long uncovered,
            String waitState,
            Integer availableInWeek,
            Instant availableBy,
            Double expectedWaitWeeks,
            Long comingWeekAvailableP50,
            Instant availabilityPublishedAt) {}

    public record ClusterView(
            AcceleratorsView accelerators,
            TopologyView topology,
            JobsView jobs,
            PowerView power,
            CapacityRequest outstandingCapacityRequest,
            BacklogView backlog,
            Instant simTime,
            Instant lastTickAt) {}

    @GET
    @Operation(
            summary = "Accelerators, topology, jobs, power, the outstanding capacity request and the backlog's"
                    + " expected wait for accelerators, at the twin's simulated now")
    public ClusterView cluster() {
        Instant simNow = clock.now();
        return twin.read(c -> {
            PowerReading p = c.power();
            return new ClusterView(
                    new AcceleratorsView(
                            c.totalAccelerators(),
                            c.busyAccelerators(),
                            c.pausedAccelerators(),
                            c.freeAccelerators(),
                            p.poweredDownAccelerators(),
                            c.utilization()),
                    new TopologyView(
                            c.topology().rackCount(),
                            c.topology().podCount(),
                            c.topology().racksPerPod()),
                    new JobsView(
                            c.queue().size(),
                            c.runningJobs().size(),
                            c.pausedJobs().size(),
                            c.jobCounts().completed(),
                            c.jobCounts().failed(),
                            c.jobCounts().cancelled(),
                            c.jobCounts().accepted(),
                            c.jobCounts().preemptedForPriority(),
                            c.jobCounts().preemptedForPower(),
                            c.jobCounts().backfilled()),
                    power(p),
                    c.outstandingRequest().orElse(null),
                    backlog(c),
                    simNow,
                    c.lastTickAt());
        });
    }

    @GET
    @Path("/racks")
    @Operation(summary = "Every rack in arrival order with its pod, installed and free accelerators")
    public List<Topology.RackView> racks() {
        return twin.read(c -> c.topology().rackViews());
    }

    private static BacklogView backlog(Cluster c) {
        BacklogWait w = c.backlogWait();
        String state;
        if (w.uncovered() == 0) {
            state = "none";
        } else if (Double.isNaN(w.expectedWaitWeeks())) {
            state = "unknown";
        } else if (Double.isInfinite(w.expectedWaitWeeks())) {
            state = "beyond-forecast";
        } else {
            state = "within-forecast";
        }
        Optional<AcceleratorOutlook> outlook = c.outlook();
        Long coming = outlook.isEmpty() || c.lastTickAt() == null
                ? null
                : outlook.get()
                        .comingWeek(c.lastTickAt())
                        .map(AcceleratorOutlook.Week::p50)
                        .orElse(null);
        return new BacklogView(
                c.queue().demandAccelerators(),
                w.uncovered(),
                state,
                w.week(),
                w.weekTo(),
                Double.isFinite(w.expectedWaitWeeks()) ? w.expectedWaitWeeks() : null,
                coming,
                outlook.map(AcceleratorOutlook::publishedAt).orElse(null));
    }

    private static PowerView power(PowerReading p) {
        return new PowerView(
                Units.megawatts(p.demandWatts()),
                Units.megawatts(p.drawWatts()),
                Units.megawattsOrNull(p.budgetWatts()),
                p.meanPowerShare(),
                p.cappedJobs(),
                p.cappedJobShare());
    }
}
