package io.terafab.contract;

/**
 * An AI job asks to run.
 *
 * @param jobId the job (Kafka key)
 * @param tenant the queue it is accounted to
 * @param kind {@code training} or {@code inference}
 * @param accelerators a gang: all or none
 * @param durationHours estimated run time at full power, simulated hours
 * @param priority higher first
 */
public record JobSubmitted(String jobId, String tenant, String kind, int accelerators, double durationHours,
        int priority) {

    public JobSubmitted {
        Require.text(jobId, "jobId");
        Require.text(tenant, "tenant");
        Require.text(kind, "kind");
        if (!kind.equals("training") && !kind.equals("inference")) {
            throw new InvalidEventException("kind must be training or inference, was " + kind);
        }
        Require.positive(accelerators, "accelerators");
        Require.positive(durationHours, "durationHours");
    }
}
