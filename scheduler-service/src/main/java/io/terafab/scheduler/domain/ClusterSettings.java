package io.terafab.scheduler.domain;

import java.time.Duration;

/**
 * The figures the cluster model runs on (the service reads them from configuration).
 *
 * @param acceleratorWatts IT power of one accelerator running a job at full power
 * @param idleWatts IT power of one installed accelerator without a job
 * @param pue facility power per watt of IT power (cooling and distribution overhead), at least 1
 * @param maxJobAccelerators the largest gang a job may ask for; larger jobs could never run
 * @param capacityRequestThreshold queued accelerators beyond the free ones that trigger a capacity request
 * @param rackSize accelerators per rack; capacity is requested in whole racks
 * @param capacityRequestRetry how long a request may stay unanswered before the scheduler asks again
 * @param completedHistory how many completed jobs are kept for queries (all are counted)
 */
public record ClusterSettings(double acceleratorWatts, double idleWatts, double pue, int maxJobAccelerators,
        int capacityRequestThreshold, int rackSize, Duration capacityRequestRetry, int completedHistory) {

    public ClusterSettings {
        requireFiniteAtLeast(acceleratorWatts, Double.MIN_VALUE, "accelerator power");
        requireFiniteAtLeast(idleWatts, 0, "idle power");
        requireFiniteAtLeast(pue, 1, "PUE");
        requireAtLeastOne(maxJobAccelerators, "max job accelerators");
        requireAtLeastOne(capacityRequestThreshold, "capacity request threshold");
        requireAtLeastOne(rackSize, "rack size");
        if (capacityRequestRetry == null || capacityRequestRetry.isNegative() || capacityRequestRetry.isZero()) {
            throw new IllegalArgumentException("capacity request retry must be a positive duration, was "
                    + capacityRequestRetry);
        }
        if (completedHistory < 0) {
            throw new IllegalArgumentException("completed history must be >= 0, was " + completedHistory);
        }
    }

    private static void requireFiniteAtLeast(double value, double min, String what) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number >= " + min + ", was " + value);
        }
    }

    private static void requireAtLeastOne(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + value);
        }
    }
}
