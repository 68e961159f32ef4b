package io.terafab.scheduler.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.terafab.contract.EventTypes;
import io.terafab.contract.JobResumed;
import io.terafab.contract.JobStarted;
import io.terafab.contract.JobSubmitted;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.messaging.EventPayloads;
import io.terafab.platform.messaging.OutgoingEvent;
import io.terafab.scheduler.domain.JobSpec;
import io.terafab.scheduler.domain.JobTransition;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The job steps become valid {@code jobs.events} payloads, and submissions of both contract versions are read. */
class JobEventContractTest {

    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    private static final ObjectMapper JSON =
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void everyKindOfStepBecomesAValidEventOfItsTypeKeyedByTheJob() throws Exception {
        JobSpec spec = new JobSpec("job-1", "research", "training", 64, 12, "normal", 0, true, T0);
        Set<String> types = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (JobTransition.Kind kind : EnumSet.allOf(JobTransition.Kind.class)) {
            JobTransition step = stepOf(kind, spec, kind.ordinal() + 1);
            OutgoingEvent event = JobSteps.toEvent(step);
            assertThat(event.key()).isEqualTo("job-1");
            assertThat(event.type())
                    .startsWith("io.terafab.jobs.job-")
                    .endsWith(".v1")
                    .contains(kind.label());
            types.add(event.type());
            ids.add(event.id());
            String json = JSON.writeValueAsString(event.data());
            assertThat(JSON.readValue(json, event.data().getClass())).as(json).isEqualTo(event.data());
        }
        assertThat(types).hasSize(JobTransition.Kind.values().length);
        assertThat(ids).hasSize(JobTransition.Kind.values().length);
        assertThat(types).contains(EventTypes.JOB_QUEUED, EventTypes.JOB_CANCELLED);
    }

    @Test
    void aStartAndAResumeNameTheRacksOfTheGang() {
        JobSpec spec = new JobSpec("job-1", "research", "training", 64, 12, "normal", 0, true, T0);
        JobStarted started = (JobStarted)
                JobSteps.toEvent(stepOf(JobTransition.Kind.STARTED, spec, 2)).data();
        JobResumed resumed = (JobResumed)
                JobSteps.toEvent(stepOf(JobTransition.Kind.RESUMED, spec, 4)).data();
        assertThat(started.rackIds()).isEqualTo(RACKS);
        assertThat(resumed.rackIds()).isEqualTo(RACKS);
        assertThat(started.racks()).isEqualTo(RACKS.size());
    }

    @Test
    void versionOneSubmissionIsStillValidAndMeansTheSame() {
        JobSubmitted v1 = EventPayloads.read(
                JSON,
                JSON.valueToTree(Map.of(
                        "jobId",
                        "job-42",
                        "tenant",
                        "research",
                        "kind",
                        "training",
                        "accelerators",
                        64,
                        "durationHours",
                        12,
                        "priority",
                        1)),
                JobSubmitted.class);
        assertThat(v1).isEqualTo(new JobSubmitted("job-42", "research", "training", 64, 12, 1));
        assertThat(v1.priorityClass()).isNull();
        assertThat(v1.preemptible()).isNull();
    }

    @Test
    void submissionMayNameAClassAndPreemptibilityInsteadOfAPriority() throws Exception {
        JobSubmitted job = EventPayloads.read(JSON, JSON.readTree("""
                {"jobId":"j","tenant":"t","kind":"inference","accelerators":8,"durationHours":0.5,
                 "priorityClass":"critical","preemptible":false}"""), JobSubmitted.class);
        assertThat(job.priority()).isNull();
        assertThat(job.priorityClass()).isEqualTo("critical");
        assertThat(JobSubmissions.toRequest(job, T0).preemptible()).isFalse();
        assertThatThrownBy(() -> EventPayloads.read(JSON, JSON.readTree("""
                {"jobId":"j","tenant":"t","kind":"inference","accelerators":8,"durationHours":0.5,"priorityClass":" "}"""), JobSubmitted.class))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("priorityClass");
    }

    private static final List<String> RACKS = List.of("rack-00001", "rack-00002");

    /** A step of each kind with the same figures: 64 accelerators on 2 racks in 1 pod, 30 s waited, 3 h left. */
    private static JobTransition stepOf(JobTransition.Kind kind, JobSpec spec, long number) {
        return switch (kind) {
            case QUEUED -> new JobTransition.Queued(spec, number, T0);
            case STARTED -> new JobTransition.Started(spec, number, T0, 64, 2, 1, false, 30, RACKS);
            case RESUMED -> new JobTransition.Resumed(spec, number, T0, 64, 2, 1, "preempted", 30, RACKS);
            case PREEMPTED -> new JobTransition.Preempted(spec, number, T0, "power", null, 3);
            case PAUSED -> new JobTransition.Paused(spec, number, T0, "power", 3);
            case COMPLETED -> new JobTransition.Completed(spec, number, T0, 10);
            case FAILED -> new JobTransition.Failed(spec, number, T0, "power", 3);
            case CANCELLED -> new JobTransition.Cancelled(spec, number, T0, "running", "power");
        };
    }
}
