package io.terafab.scheduler.domain;

import io.terafab.platform.model.ModelRejection;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The checks a job request passes before a {@link Cluster} accepts it, and the spec it becomes. */
final class JobAdmission {

    private static final Set<String> KINDS = Set.of("training", "inference");

    private JobAdmission() {}

    /** The spec of an acceptable request, else the rejection; {@code known} tells a job id already taken. */
    static JobSpec specOf(JobRequest request, ClusterSettings settings, Predicate<String> known) {
        if (request == null) {
            throw ModelRejection.invalid("job is required");
        }
        requireText(request.jobId(), "jobId");
        requireText(request.tenant(), "tenant");
        if (!KINDS.contains(request.kind())) {
            throw ModelRejection.invalid("kind must be one of " + new TreeSet<>(KINDS) + ", was " + request.kind());
        }
        if (request.accelerators() < 1) {
            throw ModelRejection.invalid("accelerators must be > 0, was " + request.accelerators());
        }
        if (request.accelerators() > settings.maxJobAccelerators()) {
            throw ModelRejection.invalid("job " + request.jobId() + " asks for " + request.accelerators()
                    + " accelerators, more than the largest gang the cluster runs (" + settings.maxJobAccelerators()
                    + "): it could never run");
        }
        if (!(request.estimatedHours() > 0) || Double.isInfinite(request.estimatedHours())) {
            throw ModelRejection.invalid("durationHours must be a finite number > 0, was " + request.estimatedHours());
        }
        if (request.submittedAt() == null) {
            throw ModelRejection.invalid("submission time is required");
        }
        PriorityClass priorityClass = settings.priorityClasses().resolve(request.priorityClass(), request.priority());
        if (known.test(request.jobId())) {
            throw ModelRejection.notAllowed("job " + request.jobId() + " was already submitted");
        }
        boolean preemptible =
                request.preemptible() != null ? request.preemptible() : priorityClass.preemptibleByDefault();
        return new JobSpec(
                request.jobId(),
                request.tenant(),
                request.kind(),
                request.accelerators(),
                request.estimatedHours(),
                priorityClass.name(),
                priorityClass.value(),
                preemptible,
                request.submittedAt());
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ModelRejection.invalid(field + " is required");
        }
    }
}
