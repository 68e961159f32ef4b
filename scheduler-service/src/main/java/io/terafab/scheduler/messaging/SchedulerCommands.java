package io.terafab.scheduler.messaging;

import io.terafab.contract.EventTypes;
import io.terafab.contract.JobCancellationRequested;
import io.terafab.contract.JobSubmitted;
import io.terafab.platform.messaging.CommandOutcome;
import io.terafab.platform.messaging.OperatorCommands;
import io.terafab.platform.messaging.OutgoingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Job requests made over REST, put on {@code jobs.requests} like an integrator's (keyed by job id,
 * so a cancellation stays behind its submission) so every job takes one path; each call returns
 * once {@link SchedulerInputs} applied or refused the request (or the wait ran out). The channel's
 * emitter is registered by {@link SchedulerOutputs}.
 */
@ApplicationScoped
public class SchedulerCommands {

    @Inject
    OperatorCommands commands;

    public CommandOutcome submit(JobSubmitted job, String eventId, Instant at) throws InterruptedException {
        return commands.send(
                SchedulerOutputs.JOB_SUBMISSIONS,
                new OutgoingEvent(EventTypes.JOB_SUBMITTED, job.jobId(), eventId, at, job));
    }

    public CommandOutcome cancel(JobCancellationRequested request, String eventId, Instant at)
            throws InterruptedException {
        return commands.send(
                SchedulerOutputs.JOB_SUBMISSIONS,
                new OutgoingEvent(EventTypes.JOB_CANCELLATION_REQUESTED, request.jobId(), eventId, at, request));
    }
}
