package io.terafab.scheduler.domain;

import java.time.Duration;

/**
 * The figures the cluster model runs on (the service reads them from configuration).
 *
 * @param power accelerator power, PUE and the power-capping slowdown model
 * @param racksPerPod racks per pod, the second level of the topology
 * @param priorityClasses the classes jobs are submitted with
 * @param fairShare tenant weights and usage decay
 * @param preemptionWait how long a job may wait before it preempts lower priority preemptible jobs
 * @param capacity when to ask for more accelerators
 * @param maxJobAccelerators the largest gang a job may ask for; larger jobs could never run
 * @param endedHistory how many ended jobs are kept for queries (all are counted)
 */
public record ClusterSettings(
        PowerModel power,
        int racksPerPod,
        PriorityClasses priorityClasses,
        FairShareSettings fairShare,
        Duration preemptionWait,
        CapacitySettings capacity,
        int maxJobAccelerators,
        int endedHistory) {

    public ClusterSettings {
        if (power == null || priorityClasses == null || fairShare == null || capacity == null) {
            throw new IllegalArgumentException(
                    "power, priority classes, fair share and capacity settings are required");
        }
        if (racksPerPod < 1) {
            throw new IllegalArgumentException("racks per pod must be at least 1, was " + racksPerPod);
        }
        if (preemptionWait == null || preemptionWait.isNegative()) {
            throw new IllegalArgumentException("preemption wait must be a duration >= 0, was " + preemptionWait);
        }
        if (maxJobAccelerators < 1) {
            throw new IllegalArgumentException("max job accelerators must be at least 1, was " + maxJobAccelerators);
        }
        if (endedHistory < 0) {
            throw new IllegalArgumentException("ended history must be >= 0, was " + endedHistory);
        }
    }
}
