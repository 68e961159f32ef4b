package io.terafab.scheduler.rest;

import io.terafab.platform.clock.TwinClock;
import io.terafab.scheduler.domain.CapacityRequest;
import io.terafab.scheduler.domain.PowerReading;
import io.terafab.scheduler.twin.SchedulerTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/cluster")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    private static final double WATTS_PER_MEGAWATT = 1e6;

    @Inject
    SchedulerTwin twin;

    @Inject
    TwinClock clock;

    public record AcceleratorsView(int total, int busy, int free) {
    }

    public record JobsView(int queued, int running, long completed, long accepted) {
    }

    public record PowerView(double demandMw, double drawMw, Double budgetMw, double powerFactor) {
    }

    public record ClusterView(AcceleratorsView accelerators, JobsView jobs, PowerView power,
            CapacityRequest outstandingCapacityRequest, Instant simTime, Instant lastTickAt) {
    }

    @GET
    @Operation(summary = "Accelerators, jobs, power and the outstanding capacity request, at the twin's simulated now")
    public ClusterView cluster() {
        Instant simNow = clock.now();
        return twin.read(c -> new ClusterView(
                new AcceleratorsView(c.totalAccelerators(), c.busyAccelerators(), c.freeAccelerators()),
                new JobsView(c.queue().size(), c.runningJobs().size(), c.completedJobs(), c.acceptedJobs()),
                power(c.power()), c.outstandingRequest().orElse(null), simNow, c.lastTickAt()));
    }

    private static PowerView power(PowerReading p) {
        return new PowerView(p.demandWatts() / WATTS_PER_MEGAWATT, p.drawWatts() / WATTS_PER_MEGAWATT,
                p.budgetWatts() == null ? null : p.budgetWatts() / WATTS_PER_MEGAWATT, p.powerFactor());
    }
}
