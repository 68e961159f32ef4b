package io.terafab.scheduler.domain;

/**
 * A named priority, as in Kubernetes' PriorityClass or Kueue's WorkloadPriorityClass: jobs of a
 * higher value start first and may preempt preemptible jobs of a lower value.
 *
 * @param name how submissions name it ({@code critical}, {@code high}, ...)
 * @param value higher first
 * @param preemptibleByDefault whether its jobs may be preempted when a submission does not say
 */
public record PriorityClass(String name, int value, boolean preemptibleByDefault) {

    public PriorityClass {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a priority class needs a name");
        }
    }
}
