package io.terafab.scheduler.rest;

import io.terafab.platform.clock.TwinClock;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.Job;
import io.terafab.scheduler.domain.PriorityClass;
import io.terafab.scheduler.domain.TenantAccount;
import io.terafab.scheduler.twin.SchedulerTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    private static final double SECONDS_PER_HOUR = 3600;

    @Inject
    SchedulerTwin twin;

    @Inject
    TwinClock clock;

    /**
     * One tenant's queue and standing.
     *
     * @param tenant the tenant
     * @param weight its fair-share weight
     * @param standing its fair-share standing: (recent average + current accelerators) / weight; lowest goes first
     * @param queuedJobs jobs waiting
     * @param queuedAccelerators accelerators they wait for
     * @param runningJobs jobs running
     * @param runningAccelerators accelerators they run on
     * @param acceleratorHours accelerator-hours its jobs ran since the state began
     * @param longestWaitSeconds the longest current wait among its queued jobs
     */
    public record TenantQueueView(
            String tenant,
            double weight,
            double standing,
            int queuedJobs,
            long queuedAccelerators,
            int runningJobs,
            int runningAccelerators,
            double acceleratorHours,
            double longestWaitSeconds) {}

    /**
     * One priority class.
     *
     * @param name the class
     * @param value its priority
     * @param preemptibleByDefault whether its jobs may be preempted unless they say
     */
    public record PriorityClassView(String name, int value, boolean preemptibleByDefault) {}

    public record QueuesView(
            int queuedJobs,
            long queuedAccelerators,
            List<TenantQueueView> tenants,
            List<PriorityClassView> priorityClasses,
            Instant simTime) {}

    @GET
    @Operation(summary = "Each tenant's queue, running work, usage and fair-share standing, and the priority classes")
    public QueuesView queues() {
        Instant now = clock.now();
        return twin.read(c -> {
            Map<String, Instant> oldest = oldestQueuedByTenant(c);
            List<TenantQueueView> tenants = new ArrayList<>();
            for (TenantAccount a : c.tenants()) {
                tenants.add(new TenantQueueView(
                        a.tenant(),
                        a.weight(),
                        c.standingOf(a.tenant()),
                        a.queuedJobs(),
                        a.queuedAccelerators(),
                        a.runningJobs(),
                        a.runningAccelerators(),
                        a.totalUsageSeconds() / SECONDS_PER_HOUR,
                        secondsSince(oldest.get(a.tenant()), now)));
            }
            List<PriorityClassView> classes = c.settings().priorityClasses().highestFirst().stream()
                    .map(QueueResource::view)
                    .toList();
            return new QueuesView(c.queue().size(), c.queue().demandAccelerators(), tenants, classes, now);
        });
    }

    private static PriorityClassView view(PriorityClass p) {
        return new PriorityClassView(p.name(), p.value(), p.preemptibleByDefault());
    }

    private static Map<String, Instant> oldestQueuedByTenant(Cluster cluster) {
        Map<String, Instant> oldest = new HashMap<>();
        for (Job job : cluster.queue().inOrder(Integer.MAX_VALUE)) {
            oldest.merge(job.spec().tenant(), job.queuedAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return oldest;
    }

    private static double secondsSince(Instant since, Instant now) {
        return since == null || now.isBefore(since)
                ? 0
                : Duration.between(since, now).toMillis() / 1000.0;
    }
}
