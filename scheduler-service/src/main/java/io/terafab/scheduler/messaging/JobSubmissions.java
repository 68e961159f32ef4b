package io.terafab.scheduler.messaging;

import io.terafab.contract.JobSubmitted;
import io.terafab.scheduler.domain.JobSpec;
import java.time.Instant;

/** The one translation of a submission event into the model's job, shared by the consumer and REST. */
public final class JobSubmissions {

    private JobSubmissions() {
    }

    public static JobSpec toSpec(JobSubmitted job, Instant submittedAt) {
        return new JobSpec(job.jobId(), job.tenant(), job.kind(), job.accelerators(), job.durationHours(),
                job.priority(), submittedAt);
    }
}
