package io.terafab.scheduler.rest;

import io.terafab.scheduler.domain.carbon.JobAccount;
import io.terafab.scheduler.twin.SchedulerConfig;
import io.terafab.scheduler.twin.SchedulerTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The jobs that ran on accelerators made from a lot: the scheduler knows each accelerator's lot from chip-service. */
@Path("/lots/{lotId}/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class LotJobsResource {

    @Inject
    SchedulerTwin twin;

    @Inject
    SchedulerConfig config;

    @GET
    @Operation(summary = "The jobs that ran on accelerators made from a lot (among the job accounts kept)")
    public List<CarbonResource.JobOnLot> jobsOfLot(@PathParam("lotId") String lotId) {
        Duration life = config.acceleratorServiceLife();
        return twin.read(c -> c.carbon().jobsOfLot(lotId).stream()
                .map(a -> new CarbonResource.JobOnLot(
                        a.jobId(),
                        a.lineage().stream()
                                .filter(e -> lotId.equals(e.lotId()))
                                .mapToInt(JobAccount.LineageEntry::accelerators)
                                .sum(),
                        CarbonResource.footprint(a, life)))
                .toList());
    }
}
