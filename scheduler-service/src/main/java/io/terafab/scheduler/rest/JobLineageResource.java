package io.terafab.scheduler.rest;

import io.terafab.scheduler.domain.Job;
import io.terafab.scheduler.domain.carbon.JobAccount;
import io.terafab.scheduler.twin.SchedulerConfig;
import io.terafab.scheduler.twin.SchedulerTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A job's lineage (racks, accelerators, chip batches, lots) with its operational and embodied carbon. */
@Path("/jobs/{jobId}/lineage")
@Produces(MediaType.APPLICATION_JSON)
public class JobLineageResource {

    @Inject
    SchedulerTwin twin;

    @Inject
    SchedulerConfig config;

    @GET
    @Operation(summary = "A job's racks, accelerators, chip batches and lots, with its operational and embodied carbon")
    public CarbonResource.JobLineage lineage(@PathParam("jobId") String jobId) {
        Duration life = config.acceleratorServiceLife();
        return twin.read(c -> {
            Job job = c.findJob(jobId).orElse(null);
            JobAccount account = c.carbon().account(jobId).orElse(null);
            if (job == null && account == null) {
                throw new NotFoundException("unknown job " + jobId);
            }
            return CarbonResource.lineageOf(c, jobId, job, account, life);
        });
    }
}
