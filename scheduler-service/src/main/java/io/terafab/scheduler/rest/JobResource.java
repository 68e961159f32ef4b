package io.terafab.scheduler.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.contract.JobCancellationRequested;
import io.terafab.contract.JobSubmitted;
import io.terafab.platform.clock.TwinClock;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.messaging.CommandOutcome;
import io.terafab.platform.messaging.EventPayloads;
import io.terafab.platform.messaging.OperatorCommands;
import io.terafab.platform.rest.CommandAnswers;
import io.terafab.platform.rest.ModelRejectionMapper;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.Job;
import io.terafab.scheduler.domain.JobStatus;
import io.terafab.scheduler.messaging.JobSubmissions;
import io.terafab.scheduler.messaging.SchedulerCommands;
import io.terafab.scheduler.twin.SchedulerTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    /** The most jobs one query returns. */
    static final int MAX_LIMIT = 100;

    @Inject
    SchedulerTwin twin;

    @Inject
    SchedulerCommands schedulerCommands;

    @Inject
    OperatorCommands commands;

    @Inject
    TwinClock clock;

    @Inject
    ObjectMapper mapper;

    public record JobView(
            String jobId,
            String tenant,
            String kind,
            int accelerators,
            double durationHours,
            String priorityClass,
            int priority,
            boolean preemptible,
            String state,
            Instant submittedAt,
            Instant queuedAt,
            Instant startedAt,
            Instant endedAt,
            String endReason,
            double progress,
            double powerShare,
            int racks,
            int pods,
            double acceleratorHours,
            List<String> gang) {

        /** A job in a list: its gang is left out (it may hold thousands of accelerators). */
        static JobView of(Job job) {
            return of(job, false);
        }

        static JobView of(Job job, boolean withGang) {
            var spec = job.spec();
            return new JobView(
                    spec.jobId(),
                    spec.tenant(),
                    spec.kind(),
                    spec.accelerators(),
                    spec.estimatedHours(),
                    spec.priorityClass(),
                    spec.priority(),
                    spec.preemptible(),
                    job.status().label(),
                    spec.submittedAt(),
                    job.queuedAt(),
                    job.startedAt(),
                    job.endedAt(),
                    job.endReason(),
                    job.progress(),
                    job.status() == JobStatus.RUNNING ? job.powerShare() : 0,
                    job.racks(),
                    job.pods(),
                    job.acceleratorSeconds() / 3600,
                    withGang ? job.gang() : null);
        }
    }

    /** What an applied request shows besides its {@code eventId}: the job, and {@code queued} or {@code cancelled}. */
    public record Submission(String jobId, String status) {}

    /** The body of a cancellation; optional. */
    public record CancellationBody(String reason) {}

    @GET
    @Operation(
            summary = "Jobs in one state: queued in start order, running and paused in start order, "
                    + "completed, failed or cancelled newest first (the latest ones); optionally of one tenant")
    public Response jobs(
            @QueryParam("state") @DefaultValue("queued") String state,
            @QueryParam("tenant") String tenant,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        JobStatus status;
        try {
            status = JobStatus.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ModelRejectionMapper.refused(
                    Response.Status.BAD_REQUEST,
                    "state must be one of queued, running, paused, completed, " + "failed, cancelled; was " + state);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return ModelRejectionMapper.refused(
                    Response.Status.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        List<JobView> jobs = twin.read(c -> jobsIn(c, status, tenant == null ? limit : Integer.MAX_VALUE)
                .filter(j -> tenant == null || j.spec().tenant().equals(tenant))
                .limit(limit)
                .map(JobView::of)
                .toList());
        return Response.ok(jobs).build();
    }

    @GET
    @Path("/{jobId}")
    @Operation(summary = "One queued, running, paused or recently ended job, with the accelerators of its gang")
    public Response job(@PathParam("jobId") String jobId) {
        return twin.read(c -> c.findJob(jobId).map(j -> JobView.of(j, true)))
                .map(view -> Response.ok(view).build())
                .orElseGet(() -> ModelRejectionMapper.refused(
                        Response.Status.NOT_FOUND, "no queued, running, paused or recently ended job " + jobId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Submit a job (JSON like the JobSubmitted event) through jobs.requests; 202 once scheduler-service "
                            + "applied it (the job is queued), with its eventId; 400 for a job that is invalid, names an "
                            + "unknown priority class or could never run, 409 for a job id already used")
    public Response submit(JsonNode body, @HeaderParam(CommandAnswers.IDEMPOTENCY_KEY) String idempotencyKey)
            throws InterruptedException {
        JobSubmitted job;
        try {
            job = EventPayloads.read(mapper, body, JobSubmitted.class);
        } catch (RejectedEventException e) {
            return ModelRejectionMapper.refused(Response.Status.BAD_REQUEST, e.getMessage());
        }
        String eventId = commands.eventId(idempotencyKey);
        Instant now = clock.now();
        if (!commands.alreadyApplied(eventId)) { // a re-sent request is a duplicate, not a refusal
            // refused here without a word on the log (jobs.requests.dlq is the integrators' view of
            // their rejected records); the gate still decides for a request that passes
            twin.read(cluster -> cluster.checkAcceptable(JobSubmissions.toRequest(job, now)));
        }
        CommandOutcome outcome = schedulerCommands.submit(job, eventId, now);
        return withLocation(
                CommandAnswers.answer(
                        outcome, Response.Status.ACCEPTED, () -> new Submission(job.jobId(), "queued"), mapper),
                job.jobId());
    }

    @DELETE
    @Path("/{jobId}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(
            summary =
                    "Cancel a queued, running or paused job (optional body {\"reason\": ...}) through jobs.requests; 202 "
                            + "once scheduler-service applied it, with its eventId; 404 for a job never submitted, 409 for a job "
                            + "that already ended")
    public Response cancel(
            @PathParam("jobId") String jobId,
            JsonNode body,
            @HeaderParam(CommandAnswers.IDEMPOTENCY_KEY) String idempotencyKey)
            throws InterruptedException {
        String reason =
                body != null && body.hasNonNull("reason") ? body.get("reason").asText() : null;
        JobCancellationRequested request;
        try {
            request = new JobCancellationRequested(jobId, reason == null || reason.isBlank() ? null : reason);
        } catch (IllegalArgumentException e) {
            return ModelRejectionMapper.refused(
                    Response.Status.BAD_REQUEST,
                    RejectedEventException.invalid(e.getMessage()).getMessage());
        }
        String eventId = commands.eventId(idempotencyKey);
        if (!commands.alreadyApplied(eventId)) {
            twin.read(cluster -> cluster.checkCancellable(jobId));
        }
        CommandOutcome outcome = schedulerCommands.cancel(request, eventId, clock.now());
        return withLocation(
                CommandAnswers.answer(
                        outcome, Response.Status.ACCEPTED, () -> new Submission(jobId, "cancelled"), mapper),
                jobId);
    }

    /** An applied request's answer points at the job. */
    private static Response withLocation(Response answer, String jobId) {
        if (answer.getStatus() != Response.Status.ACCEPTED.getStatusCode()) {
            return answer;
        }
        return Response.fromResponse(answer)
                .location(UriBuilder.fromResource(JobResource.class)
                        .path("{jobId}")
                        .build(jobId))
                .build();
    }

    private static Stream<Job> jobsIn(Cluster cluster, JobStatus status, int queuedWalk) {
        return switch (status) {
            case QUEUED -> cluster.queue().inOrder(queuedWalk).stream();
            case RUNNING -> cluster.runningJobs().stream();
            case PAUSED -> cluster.pausedJobs().stream();
            case COMPLETED, FAILED, CANCELLED ->
                cluster.recentlyEndedJobs().stream().filter(j -> j.status() == status);
        };
    }
}
