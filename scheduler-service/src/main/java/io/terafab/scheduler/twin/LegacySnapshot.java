package io.terafab.scheduler.twin;

import com.fasterxml.jackson.databind.JsonNode;
import io.terafab.scheduler.domain.CapacityRequest;
import io.terafab.scheduler.domain.JobSpec;
import io.terafab.scheduler.domain.JobStatus;
import io.terafab.scheduler.domain.PriorityClass;
import io.terafab.scheduler.domain.PriorityClasses;
import io.terafab.scheduler.domain.SchedulerState;
import io.terafab.scheduler.domain.Workload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a snapshot of the first scheduler (strict FIFO on a flat pool of accelerators, integer
 * priorities), so a campus started before the upgrade keeps its accelerators, jobs and counts:
 * racks keep their accelerators (in rack id order), unfinished jobs are queued again with their
 * remaining work and the class their priority maps to (running ones resume, as after a
 * preemption), completed jobs stay completed.
 */
final class LegacySnapshot {

    private LegacySnapshot() {}

    /** Whether a snapshot is in the first scheduler's format. */
    static boolean isLegacy(JsonNode snapshot) {
        return snapshot != null && snapshot.has("acceleratorsByRack");
    }

    static SchedulerState convert(JsonNode old, PriorityClasses classes) {
        Map<String, List<String>> byRack = new TreeMap<>();
        old.path("acceleratorsByRack").fields().forEachRemaining(e -> {
            List<String> ids = new ArrayList<>();
            e.getValue().forEach(id -> ids.add(id.asText()));
            ids.sort(null);
            byRack.put(e.getKey(), ids);
        });
        List<SchedulerState.RackState> racks = new ArrayList<>();
        byRack.forEach((rack, ids) -> racks.add(new SchedulerState.RackState(rack, ids)));

        Instant lastTickAt = instant(old.path("lastTickAt"));
        List<SchedulerState.JobState> jobs = new ArrayList<>();
        old.path("queued").forEach(j -> jobs.add(queued(j, classes, false, lastTickAt)));
        old.path("running").forEach(j -> jobs.add(queued(j, classes, true, lastTickAt)));
        jobs.sort(Comparator.comparingLong(SchedulerState.JobState::sequence));

        List<String> endedIds = new ArrayList<>();
        old.path("completedJobIds").forEach(id -> endedIds.add(id.asText()));
        long capacityRequests = old.path("capacityRequestsIssued").asLong();
        SchedulerState.Counters counters = new SchedulerState.Counters(
                old.path("nextSequence").asLong(),
                old.path("acceptedJobs").asLong(),
                old.path("completedJobs").asLong(),
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                capacityRequests);
        JsonNode request = old.path("outstandingRequest");
        CapacityRequest outstanding = request.isObject()
                ? new CapacityRequest(
                        request.path("requestId").asText(),
                        request.path("accelerators").asInt(),
                        request.path("priority").asInt(),
                        instant(request.path("requestedAt")),
                        CapacityRequest.Trigger.BACKLOG,
                        request.path("accelerators").asInt()) // never capped
                : null;
        JsonNode workload = old.path("workload");
        Workload.WorkloadState stream = workload.isObject()
                ? new Workload.WorkloadState(
                        workload.path("randomState").asLong(),
                        instant(workload.path("nextArrivalAt")),
                        workload.path("generated").asLong())
                : null;
        Double budget =
                old.path("budgetWatts").isNumber() ? old.path("budgetWatts").asDouble() : null;
        return new SchedulerState(
                racks,
                List.of(),
                jobs,
                List.of(),
                endedIds,
                List.of(),
                counters,
                budget,
                0,
                lastTickAt,
                outstanding,
                stream,
                null,
                null, // before budgets were ordered, and before the energy ledger was kept
                null); // nor an availability
    }

    private static SchedulerState.JobState queued(
            JsonNode old, PriorityClasses classes, boolean wasRunning, Instant lastTickAt) {
        JsonNode s = old.path("spec");
        PriorityClass priorityClass = classes.resolve(null, s.path("priority").asInt());
        Instant submittedAt = instant(s.path("submittedAt"));
        JobSpec spec = new JobSpec(
                s.path("jobId").asText(),
                s.path("tenant").asText(),
                s.path("kind").asText(),
                s.path("accelerators").asInt(),
                s.path("durationHours").asDouble(),
                priorityClass.name(),
                priorityClass.value(),
                priorityClass.preemptibleByDefault(),
                submittedAt);
        Instant startedAt = wasRunning ? instant(old.path("startedAt")) : null;
        Instant stoppedAt = wasRunning ? lastTickAt : null;
        return new SchedulerState.JobState(
                spec,
                old.path("sequence").asLong(),
                JobStatus.QUEUED,
                wasRunning && lastTickAt != null ? lastTickAt : submittedAt,
                startedAt,
                startedAt,
                stoppedAt,
                wasRunning ? JobStatus.QUEUED : null,
                null,
                null,
                old.path("remainingWorkSeconds").asDouble(),
                0,
                1,
                List.of(),
                0,
                0,
                0);
    }

    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) { // Jackson's default for Instant: seconds with a fraction
            double seconds = node.asDouble();
            long whole = (long) Math.floor(seconds);
            return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
        }
        return Instant.parse(node.asText());
    }
}
