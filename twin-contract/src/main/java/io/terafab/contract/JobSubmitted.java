package io.terafab.contract;

/**
 * An AI job asks to run.
 *
 * <p>Version 1 carried only an integer {@code priority}; {@code priorityClass} and
 * {@code preemptible} were added as optional fields, so a submission written for the first
 * version is still valid and means the same. The scheduler resolves the job's class from
 * {@code priorityClass} when given (an unknown name is refused), else from {@code priority} (the
 * class with the greatest value not above it), else its default class.
 *
 * @param jobId the job (Kafka key)
 * @param tenant the tenant, whose queue the job waits in and whose fair share it is accounted to
 * @param kind {@code training} or {@code inference}
 * @param accelerators a gang: all or none
 * @param durationHours estimated run time at full power, simulated hours (the scheduler's runtime estimate)
 * @param priority higher first; optional when {@code priorityClass} is given
 * @param priorityClass a priority class the scheduler is configured with (for example {@code critical},
 *     {@code high}, {@code normal}, {@code low}); optional
 * @param preemptible whether the scheduler may stop the job for a higher priority one; optional, the
 *     class decides when absent
 */
public record JobSubmitted(
        String jobId,
        String tenant,
        String kind,
        int accelerators,
        double durationHours,
        Integer priority,
        String priorityClass,
        Boolean preemptible) {

    public JobSubmitted {
        Require.text(jobId, "jobId");
        Require.text(tenant, "tenant");
        Require.text(kind, "kind");
        if (!kind.equals("training") && !kind.equals("inference")) {
            throw new InvalidEventException("kind must be training or inference, was " + kind);
        }
        Require.positive(accelerators, "accelerators");
        Require.positive(durationHours, "durationHours");
        if (priorityClass != null && priorityClass.isBlank()) {
            throw new InvalidEventException("priorityClass must be a class name or absent");
        }
    }

    /** A version 1 submission: an integer priority, no class, preemptibility from the class. */
    public JobSubmitted(
            String jobId, String tenant, String kind, int accelerators, double durationHours, int priority) {
        this(jobId, tenant, kind, accelerators, durationHours, Integer.valueOf(priority), null, null);
    }
}
