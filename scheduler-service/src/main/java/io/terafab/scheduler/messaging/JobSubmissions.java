package io.terafab.scheduler.messaging;

import io.terafab.contract.JobSubmitted;
import io.terafab.scheduler.domain.JobRequest;
import java.time.Instant;

/** The one translation of a submission event into the model's request, shared by the consumer and REST. */
public final class JobSubmissions {

    private JobSubmissions() {}

    public static JobRequest toRequest(JobSubmitted job, Instant submittedAt) {
        return new JobRequest(
                job.jobId(),
                job.tenant(),
                job.kind(),
                job.accelerators(),
                job.durationHours(),
                job.priority(),
                job.priorityClass(),
                job.preemptible(),
                submittedAt);
    }
}
