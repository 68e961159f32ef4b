package io.terafab.scheduler.messaging;

import io.quarkus.runtime.Startup;
import io.terafab.contract.CapacityRequested;
import io.terafab.contract.EventTypes;
import io.terafab.contract.PowerConsumers;
import io.terafab.contract.PowerDrawReported;
import io.terafab.contract.Units;
import io.terafab.platform.messaging.EventPublisher;
import io.terafab.platform.messaging.OperatorCommands;
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

    @Inject
    OperatorCommands commands;

    @PostConstruct
    void register() {
        // job-submissions carries REST requests, sent by SchedulerCommands outside the outbox; it stays
        // registered with the publisher for what a snapshot of an older version still owes on it
        commands.register(JOB_SUBMISSIONS, jobSubmissions);
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

    /**
     * A new capacity request, for chip-service to install racks: a tick's decision, sent once a
     * snapshot holds it, since its number and content would come out differently from a model
     * restored after a crash.
     */
    public void capacityRequested(CapacityRequest request) {
        publisher.publishDecision(
                CAPACITY_REQUESTS,
                new OutgoingEvent(
                        EventTypes.CAPACITY_REQUESTED,
                        request.requestId(),
                        "capacity-" + request.requestId(),
                        request.requestedAt(),
                        new CapacityRequested(request.requestId(), request.accelerators(), null, request.priority())));
    }

    /**
     * Publishes the job steps the last change took, on {@code jobs.events}, and feeds the wait-time
     * histogram. Decisions, sent once a snapshot holds them: a cluster restored after a crash takes
     * its steps at other instants under the same step ids (a tick's starts and completions, and the
     * start that a submission's scheduling pass makes depends on the racks the ticks left free). A
     * handler's steps go with the next tick's snapshot.
     */
    public void jobSteps(Cluster cluster) {
        for (JobTransition step : cluster.drainTransitions()) {
            publisher.publishDecision(JOB_EVENTS, JobSteps.toEvent(step));
            metrics.recordTransition(step);
        }
    }
}
