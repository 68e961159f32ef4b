package io.terafab.scheduler.messaging;

import io.quarkus.runtime.Startup;
import io.terafab.contract.CapacityRequested;
import io.terafab.contract.EventTypes;
import io.terafab.contract.JobCancellationRequested;
import io.terafab.contract.JobSubmitted;
import io.terafab.contract.PowerConsumers;
import io.terafab.contract.PowerDrawReported;
import io.terafab.contract.Units;
import io.terafab.platform.messaging.EventPublisher;
import io.terafab.platform.messaging.OutgoingEvent;
import io.terafab.scheduler.domain.CapacityRequest;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.JobTransition;
import io.terafab.scheduler.domain.PowerReading;
import io.terafab.scheduler.twin.SchedulerMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The events scheduler-service publishes. Each method must be called from inside the state change
 * that caused the event (a handler, a tick or a locked REST command), so the event is in the
 * snapshot outbox.
 */
@Startup
@ApplicationScoped
public class SchedulerOutputs {

    static final String POWER_DRAW = "power-draw";
    static final String CAPACITY_REQUESTS = "capacity-requests";
    static final String JOB_SUBMISSIONS = "job-submissions";
    static final String JOB_EVENTS = "job-events";

    @Inject
    EventPublisher publisher;

    @Inject
    SchedulerMetrics metrics;

    @Inject
    @Channel(POWER_DRAW)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> powerDraw;

    @Inject
    @Channel(CAPACITY_REQUESTS)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> capacityRequests;

    @Inject
    @Channel(JOB_SUBMISSIONS)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> jobSubmissions;

    @Inject
    @Channel(JOB_EVENTS)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> jobEvents;

    @PostConstruct
    void register() {
        publisher.register(Map.of(
                POWER_DRAW,
                powerDraw,
                CAPACITY_REQUESTS,
                capacityRequests,
                JOB_SUBMISSIONS,
                jobSubmissions,
                JOB_EVENTS,
                jobEvents));
    }

    /** The data center's draw after a tick; one event per tick, its id derived from the tick's instant. */
    public void powerDrawReported(PowerReading reading, Instant at) {
        publisher.publish(
                POWER_DRAW,
                new OutgoingEvent(
                        EventTypes.DC_POWER_DRAW_REPORTED,
                        PowerConsumers.DC,
                        "dc-power-" + at.toEpochMilli(),
                        at,
                        new PowerDrawReported(
                                PowerConsumers.DC,
                                Units.megawatts(reading.demandWatts()),
                                Units.megawatts(reading.drawWatts()),
                                Units.megawattsOrNull(reading.budgetWatts()),
                                at)));
    }

    /** A new capacity request, for chip-service to install racks. */
    public void capacityRequested(CapacityRequest request) {
        publisher.publish(
                CAPACITY_REQUESTS,
                new OutgoingEvent(
                        EventTypes.CAPACITY_REQUESTED,
                        request.requestId(),
                        "capacity-" + request.requestId(),
                        request.requestedAt(),
                        new CapacityRequested(request.requestId(), request.accelerators(), null, request.priority())));
    }

    /** Publishes the job steps the last change took, on {@code jobs.events}, and feeds the wait-time histogram. */
    public void jobSteps(Cluster cluster) {
        for (JobTransition step : cluster.drainTransitions()) {
            publisher.publish(JOB_EVENTS, JobSteps.toEvent(step));
            metrics.recordTransition(step);
        }
    }

    /** A job submitted over REST, put on {@code jobs.requests} like an integrator's so every job takes one path. */
    public void jobSubmitted(JobSubmitted job, Instant at) {
        publisher.publish(
                JOB_SUBMISSIONS,
                new OutgoingEvent(EventTypes.JOB_SUBMITTED, job.jobId(), "job-submitted-" + job.jobId(), at, job));
    }

    /**
     * A cancellation asked over REST, put on {@code jobs.requests} behind the job's submission
     * (same key). Its id names the instant, so asking twice is two requests: the second is refused.
     */
    public void jobCancellationRequested(JobCancellationRequested request, Instant at) {
        publisher.publish(
                JOB_SUBMISSIONS,
                new OutgoingEvent(
                        EventTypes.JOB_CANCELLATION_REQUESTED,
                        request.jobId(),
                        "job-cancel-" + request.jobId() + "-" + at.toEpochMilli(),
                        at,
                        request));
    }
}
