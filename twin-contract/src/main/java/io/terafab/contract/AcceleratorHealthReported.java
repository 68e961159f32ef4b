package io.terafab.contract;

import java.time.Instant;
import java.util.Set;

/**
 * A health observation of one installed accelerator, from an integrator's monitoring (or the
 * scheduler). A {@code failed} report takes the accelerator out of service: chip-service marks it
 * FAILED and publishes {@link AcceleratorsRemoved}. A {@code healthy} report changes nothing but is
 * still checked, so a sensor naming an accelerator the twin does not know is caught.
 *
 * @param acceleratorId the accelerator, as published in {@link AcceleratorsAllocated} (Kafka key)
 * @param rackId the rack the sensor saw it in; must be the rack it was installed in
 * @param status {@code healthy} or {@code failed}
 * @param reason what was observed (an XID error, a thermal trip, ...); required when failed
 * @param observedAt simulated time of the observation
 */
public record AcceleratorHealthReported(
        String acceleratorId, String rackId, String status, String reason, Instant observedAt) {

    public static final String HEALTHY = "healthy";
    public static final String FAILED = "failed";
    private static final Set<String> STATUSES = Set.of(HEALTHY, FAILED);

    public AcceleratorHealthReported {
        Require.text(acceleratorId, "acceleratorId");
        Require.text(rackId, "rackId");
        Require.text(status, "status");
        if (!STATUSES.contains(status)) {
            throw new InvalidEventException("status must be healthy or failed, was " + status);
        }
        if (FAILED.equals(status)) {
            Require.text(reason, "reason");
        }
        Require.present(observedAt, "observedAt");
    }

    public boolean failed() {
        return FAILED.equals(status);
    }
}
