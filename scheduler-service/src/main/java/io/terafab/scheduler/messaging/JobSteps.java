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

    private JobSteps() {}

    // Java 17 has no pattern switch: an instanceof per record, in the order of JobTransition.Kind
    static OutgoingEvent toEvent(JobTransition t) {
        JobSpec job = t.job();
        String id = job.jobId();
        String tenant = job.tenant();
        if (t instanceof JobTransition.Queued q) {
            return event(
                    t,
                    EventTypes.JOB_QUEUED,
                    new JobQueued(
                            id,
                            tenant,
                            job.kind(),
                            job.accelerators(),
                            job.estimatedHours(),
                            job.priorityClass(),
                            job.preemptible(),
                            q.at()));
        }
        if (t instanceof JobTransition.Started s) {
            return event(
                    t,
                    EventTypes.JOB_STARTED,
                    new JobStarted(
                            id,
                            tenant,
                            s.accelerators(),
                            s.racks(),
                            s.pods(),
                            s.backfilled(),
                            s.waitedSeconds(),
                            s.at(),
                            s.rackIds()));
        }
        if (t instanceof JobTransition.Preempted p) {
            return event(
                    t,
                    EventTypes.JOB_PREEMPTED,
                    new JobPreempted(id, tenant, p.reason(), p.forJobId(), p.remainingHours(), p.at()));
        }
        if (t instanceof JobTransition.Paused p) {
            return event(t, EventTypes.JOB_PAUSED, new JobPaused(id, tenant, p.reason(), p.remainingHours(), p.at()));
        }
        if (t instanceof JobTransition.Resumed r) {
            return event(
                    t,
                    EventTypes.JOB_RESUMED,
                    new JobResumed(
                            id,
                            tenant,
                            r.accelerators(),
                            r.racks(),
                            r.pods(),
                            r.resumedFrom(),
                            r.waitedSeconds(),
                            r.at(),
                            r.rackIds()));
        }
        if (t instanceof JobTransition.Completed c) {
            return event(t, EventTypes.JOB_COMPLETED, new JobCompleted(id, tenant, c.acceleratorHours(), c.at()));
        }
        if (t instanceof JobTransition.Failed f) {
            return event(t, EventTypes.JOB_FAILED, new JobFailed(id, tenant, f.reason(), f.remainingHours(), f.at()));
        }
        JobTransition.Cancelled c = (JobTransition.Cancelled) t; // the last kind the sealed interface permits
        return event(t, EventTypes.JOB_CANCELLED, new JobCancelled(id, tenant, c.previousState(), c.reason(), c.at()));
    }

    private static OutgoingEvent event(JobTransition t, String type, Object payload) {
        return new OutgoingEvent(type, t.job().jobId(), t.eventId(), t.at(), payload);
    }
}
