package io.terafab.sensors.generator;

import io.terafab.contract.EventTypes;
import io.terafab.contract.JobCancellationRequested;
import io.terafab.contract.JobSubmitted;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Job submissions with scheduler-service's default workload mix, as a Poisson stream in simulated
 * time (and, when the mix gives jobs a weight, as a share of the everyday stream too), by the
 * workload's tenants and with its priority classes where the scheduler has them.
 */
final class JobTraffic extends TopicTraffic {

    private final PoissonArrivals arrivals = new PoissonArrivals();
    private long jobSequence;
    private long ghostSequence;

    JobTraffic(GeneratorSettings settings, RandomGenerator random) {
        super(SensorTopic.JOBS, settings, random);
    }

    @Override
    boolean hasEntities() {
        return true; // a submission names a new job; a tenant the scheduler does not list is still accepted
    }

    @Override
    Event everyday(Instant now) {
        JobProfile profile = JobProfile.draw(JobProfile.DEFAULT_WORKLOAD, random);
        String jobId = settings.runId() + "-job-" + (++jobSequence);
        String priorityClass =
                catalog.priorityClasses().isEmpty() || catalog.priorityClasses().contains(profile.priorityClass())
                        ? profile.priorityClass()
                        : null;
        JobSubmitted job = new JobSubmitted(
                jobId,
                tenant(profile),
                profile.kind(),
                profile.drawSize(random),
                profile.drawHours(random),
                null,
                priorityClass,
                profile.preemptible());
        return new Event(topic, jobId, EventTypes.JOB_SUBMITTED, now, Payloads.bytes(job));
    }

    /**
     * One of the profile's own tenants, those of scheduler-service's default workload, unless the
     * scheduler lists tenants and none of those (it was configured with others): then one it lists.
     * Not only the listed ones otherwise: the scheduler lists a tenant once it has submitted work.
     */
    private String tenant(JobProfile profile) {
        List<String> listed = catalog.tenants();
        boolean defaultTenants = listed.isEmpty()
                || JobProfile.DEFAULT_WORKLOAD.stream()
                        .flatMap(p -> p.tenants().stream())
                        .anyMatch(listed::contains);
        return pick(defaultTenants ? profile.tenants() : listed);
    }

    @Override
    void collectDue(Instant now, Consumer<Event> out) {
        double meanHours = PoissonArrivals.hoursOf(settings.jobMeanInterarrival());
        double perHour = meanHours == 0 ? 0 : 1 / meanHours;
        while (arrivals.due(now, perHour, random)) {
            out.accept(everyday(now));
        }
    }

    /** A cancellation of a job nobody submitted. */
    @Override
    Event unknownEntity(Instant now) {
        String jobId = settings.runId() + "-job-never-submitted-" + (++ghostSequence);
        return new Event(
                topic,
                jobId,
                EventTypes.JOB_CANCELLATION_REQUESTED,
                now,
                Payloads.bytes(new JobCancellationRequested(jobId, "no longer needed")));
    }

    @Override
    Event outOfRange(Instant now) {
        return spoiledEveryday(now, json -> {
            if (random.nextBoolean()) {
                json.put("accelerators", -random.nextInt(64)); // a gang of none, or fewer
            } else {
                json.put("durationHours", -1 - 10 * random.nextDouble());
            }
        });
    }

    @Override
    Event wrongTypes(Instant now) {
        return spoiledEveryday(now, json -> {
            if (random.nextBoolean()) {
                json.put("accelerators", "sixty-four");
            } else {
                double hours = json.get("durationHours").asDouble();
                json.putArray("durationHours").add(hours); // a list where a number belongs
            }
        });
    }

    /** Jobs have no time of their own in the payload: an old submission is just a submission. */
    @Override
    String timeField() {
        return null;
    }
}
