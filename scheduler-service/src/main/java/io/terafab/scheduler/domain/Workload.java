package io.terafab.scheduler.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The default synthetic job stream: submissions with exponential inter-arrival times, each drawn
 * from the profile mix, then a tenant, a gang size by weight and a log-uniform duration. Seeded,
 * and its whole state is in {@link WorkloadState}, so a restored twin goes on with the very jobs
 * the original would have submitted.
 */
public final class Workload {

    private final WorkloadSettings settings;
    private final double totalWeight;
    private SeededRandom random;
    private Instant nextArrivalAt;
    private long generated;

    public Workload(WorkloadSettings settings) {
        this.settings = settings;
        this.totalWeight = settings.profiles().stream()
                .mapToDouble(WorkloadProfile::weight)
                .sum();
        this.random = new SeededRandom(settings.seed());
    }

    /**
     * The jobs submitted up to {@code now}, each at its own arrival instant. The first call only
     * starts the stream: its first job arrives one inter-arrival time after it.
     */
    public List<JobRequest> arrivalsUntil(Instant now) {
        List<JobRequest> arrivals = new ArrayList<>();
        if (nextArrivalAt == null) {
            nextArrivalAt = now.plus(interarrival());
        }
        while (!nextArrivalAt.isAfter(now)) {
            arrivals.add(nextJob(nextArrivalAt));
            nextArrivalAt = nextArrivalAt.plus(interarrival());
        }
        return arrivals;
    }

    private JobRequest nextJob(Instant at) {
        generated++;
        WorkloadProfile profile = pick(
                settings.profiles(),
                settings.profiles().stream().map(WorkloadProfile::weight).toList(),
                totalWeight);
        String tenant = profile.tenants()
                .get((int) (random.nextDouble() * profile.tenants().size()));
        int accelerators = pick(
                profile.sizes(),
                profile.sizeWeights(),
                profile.sizeWeights().stream().mapToDouble(Double::doubleValue).sum());
        double hours = profile.minDurationHours()
                * Math.pow(profile.maxDurationHours() / profile.minDurationHours(), random.nextDouble());
        return new JobRequest(
                String.format("wl-%d-%08d", settings.seed(), generated),
                tenant,
                profile.kind(),
                accelerators,
                hours,
                null,
                profile.priorityClass(),
                profile.preemptible(),
                at);
    }

    private <T> T pick(List<T> items, List<Double> weights, double total) {
        double pick = random.nextDouble() * total;
        for (int i = 0; i < items.size(); i++) {
            pick -= weights.get(i);
            if (pick < 0) {
                return items.get(i);
            }
        }
        return items.get(items.size() - 1); // rounding left a sliver: the last item
    }

    /** Exponential with the configured mean, at least a millisecond so the stream always moves on. */
    private Duration interarrival() {
        double meanMillis = settings.meanInterarrival().toMillis();
        double millis = -meanMillis * Math.log(1 - random.nextDouble());
        return Duration.ofMillis(Math.max(1, Math.round(millis)));
    }

    /** The largest gang a job of this stream asks for. */
    public int largestGang() {
        return settings.profiles().stream()
                .mapToInt(WorkloadProfile::largestGang)
                .max()
                .orElseThrow();
    }

    /** The priority classes its jobs are submitted with. */
    public List<String> priorityClasses() {
        return settings.profiles().stream()
                .map(WorkloadProfile::priorityClass)
                .distinct()
                .toList();
    }

    /** Tenants that submit its jobs. */
    public List<String> tenants() {
        return settings.profiles().stream()
                .flatMap(p -> p.tenants().stream())
                .distinct()
                .sorted()
                .toList();
    }

    /** Accelerators the stream keeps busy on average at full power: arrival rate times accelerator-hours per job. */
    public double meanBusyAccelerators() {
        double jobsPerHour = 3_600_000.0 / settings.meanInterarrival().toMillis();
        double acceleratorHoursPerJob = 0;
        for (WorkloadProfile p : settings.profiles()) {
            acceleratorHoursPerJob += p.weight() / totalWeight * p.meanAcceleratorHours();
        }
        return jobsPerHour * acceleratorHoursPerJob;
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
    public record WorkloadState(long randomState, Instant nextArrivalAt, long generated) {}
}
