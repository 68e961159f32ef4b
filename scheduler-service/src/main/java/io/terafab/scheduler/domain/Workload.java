package io.terafab.scheduler.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The default synthetic job stream: submissions with exponential inter-arrival times, gang sizes
 * drawn by weight, durations uniform between the shortest and the longest, tenants equally
 * likely. Seeded, and its whole state is in {@link WorkloadState}, so a restored twin goes on with
 * the very jobs the original would have submitted.
 */
public final class Workload {

    private final WorkloadSettings settings;
    private final double totalWeight;
    private SeededRandom random;
    private Instant nextArrivalAt;
    private long generated;

    public Workload(WorkloadSettings settings) {
        this.settings = settings;
        this.totalWeight = settings.sizeWeights().stream().mapToDouble(Double::doubleValue).sum();
        this.random = new SeededRandom(settings.seed());
    }

    /**
     * The jobs submitted up to {@code now}, each at its own arrival instant. The first call only
     * starts the stream: its first job arrives one inter-arrival time after it.
     */
    public List<JobSpec> arrivalsUntil(Instant now) {
        List<JobSpec> arrivals = new ArrayList<>();
        if (nextArrivalAt == null) {
            nextArrivalAt = now.plus(interarrival());
        }
        while (!nextArrivalAt.isAfter(now)) {
            arrivals.add(nextJob(nextArrivalAt));
            nextArrivalAt = nextArrivalAt.plus(interarrival());
        }
        return arrivals;
    }

    private JobSpec nextJob(Instant at) {
        generated++;
        String tenant = settings.tenants().get((int) (random.nextDouble() * settings.tenants().size()));
        String kind = settings.inferenceTenants().contains(tenant) ? "inference" : "training";
        int accelerators = weightedSize();
        double hours = settings.minDurationHours()
                + random.nextDouble() * (settings.maxDurationHours() - settings.minDurationHours());
        return new JobSpec(String.format("wl-%d-%08d", settings.seed(), generated), tenant, kind, accelerators, hours,
                0, at);
    }

    private int weightedSize() {
        double pick = random.nextDouble() * totalWeight;
        for (int i = 0; i < settings.sizes().size(); i++) {
            pick -= settings.sizeWeights().get(i);
            if (pick < 0) {
                return settings.sizes().get(i);
            }
        }
        return settings.sizes().get(settings.sizes().size() - 1); // rounding left a sliver: the last size
    }

    /** Exponential with the configured mean, at least a millisecond so the stream always moves on. */
    private Duration interarrival() {
        double meanMillis = settings.meanInterarrival().toMillis();
        double millis = -meanMillis * Math.log(1 - random.nextDouble());
        return Duration.ofMillis(Math.max(1, Math.round(millis)));
    }

    /** The largest gang a job of this stream asks for. */
    public int largestGang() {
        return settings.sizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    public long generated() {
        return generated;
    }

    public WorkloadState state() {
        return new WorkloadState(random.state(), nextArrivalAt, generated);
    }

    public void restore(WorkloadState state) {
        random = new SeededRandom(state.randomState());
        nextArrivalAt = state.nextArrivalAt();
        generated = state.generated();
    }

    /**
     * The stream's position, as plain data for snapshots.
     *
     * @param randomState the generator's state
     * @param nextArrivalAt when the next job arrives; null before the stream started
     * @param generated jobs submitted so far
     */
    public record WorkloadState(long randomState, Instant nextArrivalAt, long generated) {
    }
}
