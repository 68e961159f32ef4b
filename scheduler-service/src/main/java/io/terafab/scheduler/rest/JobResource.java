package io.terafab.scheduler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.contract.JobSubmitted;
import io.terafab.platform.clock.TwinClock;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.messaging.EventPayloads;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.ClusterRejection;
import io.terafab.scheduler.domain.Job;
import io.terafab.scheduler.domain.JobStatus;
import io.terafab.scheduler.messaging.JobSubmissions;
import io.terafab.scheduler.messaging.Rejections;
import io.terafab.scheduler.messaging.SchedulerOutputs;
import io.terafab.scheduler.twin.SchedulerTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    /** The most jobs one query returns. */
    static final int MAX_LIMIT = 100;

    @Inject
    SchedulerTwin twin;

    @Inject
    SchedulerOutputs outputs;

    @Inject
    TwinClock clock;

    @Inject
    ObjectMapper mapper;

    public record JobView(String jobId, String tenant, String kind, int accelerators, double durationHours,
            int priority, String state, Instant submittedAt, Instant startedAt, Instant completedAt, double progress) {

        static JobView of(Job job) {
            var spec = job.spec();
            return new JobView(spec.jobId(), spec.tenant(), spec.kind(), spec.accelerators(), spec.durationHours(),
                    spec.priority(), job.status().name().toLowerCase(Locale.ROOT), spec.submittedAt(), job.startedAt(),
                    job.completedAt(), job.progress());
        }
    }

    /** Why a request was refused: the same {@code <reason>: <detail>} text a dead letter carries. */
    public record Refusal(String reason) {
    }

    public record Submission(String jobId, String status) {
    }

    @GET
    @Operation(summary = "Jobs in one state: queued in start order, running in start order, completed newest first")
    public Response jobs(@QueryParam("state") @DefaultValue("queued") String state,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        JobStatus status;
        try {
            status = JobStatus.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return refused(Response.Status.BAD_REQUEST, "state must be queued, running or completed, was " + state);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return refused(Response.Status.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        List<JobView> jobs = twin.read(c -> jobsIn(c, status).stream().limit(limit).map(JobView::of).toList());
        return Response.ok(jobs).build();
    }

    @GET
    @Path("/{jobId}")
    @Operation(summary = "One queued, running or recently completed job")
    public Response job(@PathParam("jobId") String jobId) {
        return twin.read(c -> c.findJob(jobId).map(JobView::of))
                .map(view -> Response.ok(view).build())
                .orElseGet(() -> refused(Response.Status.NOT_FOUND, "no queued, running or recently completed job "
                        + jobId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a job (JSON like the JobSubmitted event); 202 once it is on jobs.requests, "
            + "400 for a job that is invalid or could never run, 409 for a job id already used")
    public Response submit(JsonNode body) {
        JobSubmitted job;
        try {
            job = EventPayloads.read(mapper, body, JobSubmitted.class);
        } catch (RejectedEventException e) {
            return refused(Response.Status.BAD_REQUEST, e.getMessage());
        }
        Instant now = clock.now();
        return twin.change(cluster -> {
            try {
                cluster.checkAcceptable(JobSubmissions.toSpec(job, now));
            } catch (ClusterRejection e) {
                Response.Status status = e.kind() == ClusterRejection.Kind.NOT_ALLOWED ? Response.Status.CONFLICT
                        : Response.Status.BAD_REQUEST;
                return refused(status, Rejections.asEventRejection(e).getMessage());
            }
            outputs.jobSubmitted(job, now);
            return Response.accepted(new Submission(job.jobId(), "submitted"))
                    .location(UriBuilder.fromResource(JobResource.class).path("{jobId}").build(job.jobId()))
                    .build();
        });
    }

    private static List<Job> jobsIn(Cluster cluster, JobStatus status) {
        return switch (status) {
            case QUEUED -> cluster.queue().inOrder();
            case RUNNING -> cluster.runningJobs();
            case COMPLETED -> cluster.recentlyCompletedJobs();
        };
    }

    private static Response refused(Response.Status status, String reason) {
        return Response.status(status).entity(new Refusal(reason)).type(MediaType.APPLICATION_JSON).build();
    }
}
