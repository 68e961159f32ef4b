package io.terafab.scheduler.messaging;

import io.terafab.contract.EventTypes;
import io.terafab.contract.JobCancelled;
import io.terafab.contract.JobCompleted;
import io.terafab.contract.JobFailed;
import io.terafab.contract.JobPaused;
import io.terafab.contract.JobPreempted;
import io.terafab.contract.JobQueued;
import io.terafab.contract.JobResumed;
import io.terafab.contract.JobStarted;
import io.terafab.platform.messaging.OutgoingEvent;
import io.terafab.scheduler.domain.JobSpec;
import io.terafab.scheduler.domain.JobTransition;

/** The one translation of the model's job steps into {@code jobs.events} events, keyed by job id. */
final class JobSteps {

    private JobSteps() {
    }

    static OutgoingEvent toEvent(JobTransition t) {
        JobSpec job = t.job();
        String id = job.jobId();
        String tenant = job.tenant();
        return switch (t.kind()) {
            case QUEUED -> event(t, EventTypes.JOB_QUEUED, new JobQueued(id, tenant, job.kind(), job.accelerators(),
                    job.estimatedHours(), job.priorityClass(), job.preemptible(), t.at()));
            case STARTED -> event(t, EventTypes.JOB_STARTED, new JobStarted(id, tenant, t.accelerators(), t.racks(),
                    t.pods(), t.backfilled(), t.waitedSeconds(), t.at()));
            case RESUMED -> event(t, EventTypes.JOB_RESUMED, new JobResumed(id, tenant, t.accelerators(), t.racks(),
                    t.pods(), t.resumedFrom(), t.waitedSeconds(), t.at()));
            case PREEMPTED -> event(t, EventTypes.JOB_PREEMPTED, new JobPreempted(id, tenant, t.reason(),
                    t.relatedJobId(), t.remainingHours(), t.at()));
            case PAUSED -> event(t, EventTypes.JOB_PAUSED, new JobPaused(id, tenant, t.reason(), t.remainingHours(),
                    t.at()));
            case COMPLETED -> event(t, EventTypes.JOB_COMPLETED, new JobCompleted(id, tenant, t.acceleratorHours(),
                    t.at()));
            case FAILED -> event(t, EventTypes.JOB_FAILED, new JobFailed(id, tenant, t.reason(), t.remainingHours(),
                    t.at()));
            case CANCELLED -> event(t, EventTypes.JOB_CANCELLED, new JobCancelled(id, tenant, t.previousState(),
                    t.reason(), t.at()));
        };
    }

    private static OutgoingEvent event(JobTransition t, String type, Object payload) {
        return new OutgoingEvent(type, t.job().jobId(), t.eventId(), t.at(), payload);
    }
}
