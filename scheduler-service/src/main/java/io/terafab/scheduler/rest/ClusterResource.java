package io.terafab.scheduler.rest;

import io.terafab.contract.Units;
import io.terafab.platform.clock.TwinClock;
import io.terafab.scheduler.domain.CapacityRequest;
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

    public record ClusterView(
            AcceleratorsView accelerators,
            TopologyView topology,
            JobsView jobs,
            PowerView power,
            CapacityRequest outstandingCapacityRequest,
            Instant simTime,
            Instant lastTickAt) {}

    @GET
    @Operation(
            summary = "Accelerators, topology, jobs, power and the outstanding capacity request, at the twin's "
                    + "simulated now")
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
