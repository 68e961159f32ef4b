package io.terafab.sensors.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.terafab.contract.AcceleratorHealthReported;
import io.terafab.contract.InvalidEventException;
import io.terafab.contract.JobCancellationRequested;
import io.terafab.contract.MeterReadingReported;
import io.terafab.contract.ToolTelemetryReported;
import io.terafab.platform.envelope.CloudEventHeaders;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.envelope.RejectionReason;
import io.terafab.sensors.generator.Catalog.Tool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind of bad record is bad in the way it says, and only that way where it matters. */
class BadRecordsTest {

    private static final Catalog CATALOG = TestCatalogs.small();
    private static final Set<String> TOPICS =
            Set.of("sensor.tool-telemetry", "sensor.meter-readings", "sensor.accelerator-health", "jobs.requests");

    /** What the good records before a bad one said: to check replays, reused ids and times against. */
    private static final class Sent {
        final Map<String, SensorRecord> byId = new HashMap<>();
        final Map<String, List<SensorRecord>> byKey = new HashMap<>();
        final Set<String> jobIds = new HashSet<>();

        void add(SensorRecord r) {
            byId.put(r.id(), r);
            byKey.computeIfAbsent(r.topic() + "/" + r.key(), k -> new ArrayList<>())
                    .add(r);
            if (r.topic().equals("jobs.requests")) {
                jobIds.add(r.key());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(BadKind.class)
    void everyBadRecordOfAKindIsBadThatWay(BadKind kind) {
        GeneratorSettings settings = GeneratorSettings.builder()
                .seed(11)
                .runId("test")
                .badShare(0.3)
                .badKinds(EnumSet.of(kind))
                .weight(SensorTopic.JOBS, 0.05)
                .build();
        SensorTrafficGenerator generator =
                new SensorTrafficGenerator(settings, CATALOG, new SteppingClock(Duration.ofMinutes(1)));
        Sent sent = new Sent();
        Map<String, Integer> badByTopic = new HashMap<>();
        List<SensorRecord> unknownJobs = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            SensorRecord r = generator.next();
            if (r.good()) {
                sent.add(r);
                continue;
            }
            assertThat(r.bad()).isEqualTo(kind);
            badByTopic.merge(r.topic(), 1, Integer::sum);
            checkBad(r, sent);
            if (kind == BadKind.UNKNOWN_ID && r.topic().equals("jobs.requests")) {
                unknownJobs.add(r);
            }
        }
        unknownJobs.forEach(r -> assertThat(r.key()).as("a job never submitted").isNotIn(sent.jobIds));
        Set<String> expectedTopics = kind == BadKind.OUT_OF_ORDER
                ? TOPICS.stream().filter(t -> !t.equals("jobs.requests")).collect(Collectors.toSet())
                : TOPICS;
        assertThat(badByTopic.keySet()).as("topics with %s records", kind).isEqualTo(expectedTopics);
        badByTopic.forEach(
                (topic, n) -> assertThat(n).as("%s records on %s", kind, topic).isGreaterThan(10));
    }

    private static void checkBad(SensorRecord r, Sent sent) {
        switch (r.bad()) {
            case MALFORMED_JSON ->
                assertThatThrownBy(() -> ContractPayloads.MAPPER.readTree(r.value()))
                        .as("%s", new String(r.value()))
                        .isInstanceOf(JsonProcessingException.class);
            case WRONG_TYPES -> {
                assertThat(ContractPayloads.tree(r.value()).isObject()).isTrue();
                Throwable refused = catchThrowable(() -> ContractPayloads.readRaw(r));
                assertThat(refused).as("%s", new String(r.value())).isInstanceOf(JsonProcessingException.class);
                assertThat(causes(refused))
                        .as("a type mismatch, not a value out of range")
                        .noneMatch(c -> c instanceof IllegalArgumentException);
                assertRefusedByTheTwinAs(r, RejectionReason.INVALID_PAYLOAD);
            }
            case MISSING_HEADERS -> {
                assertThat(SensorTrafficGenerator.MANDATORY)
                        .anyMatch(h -> !r.headers().containsKey(h));
                ContractPayloads.read(r);
            }
            case UNKNOWN_ID -> {
                Object payload = ContractPayloads.read(r);
                assertThat(unknownToTheCatalog(payload)).as("%s", payload).isTrue();
            }
            case OUT_OF_RANGE -> {
                Throwable refused = catchThrowable(() -> ContractPayloads.readRaw(r));
                assertThat(causes(refused))
                        .as("%s", new String(r.value()))
                        .anyMatch(c -> c instanceof InvalidEventException);
                assertRefusedByTheTwinAs(r, RejectionReason.INVALID_PAYLOAD);
            }
            case DUPLICATE_REPLAY -> {
                SensorRecord original = sent.byId.get(r.id());
                assertThat(original)
                        .as("an earlier good record with id %s", r.id())
                        .isNotNull();
                assertThat(r.key()).isEqualTo(original.key());
                assertThat(r.headers()).containsExactlyEntriesOf(original.headers());
                assertThat(r.value()).isEqualTo(original.value());
            }
            case DUPLICATE_ID_CONFLICT -> {
                SensorRecord original = sent.byId.get(r.id());
                assertThat(original)
                        .as("an earlier good record with id %s", r.id())
                        .isNotNull();
                assertThat(Arrays.equals(r.value(), original.value()))
                        .as("same content")
                        .isFalse();
                assertThat(r.headers().get(CloudEventHeaders.TYPE))
                        .isEqualTo(original.headers().get(CloudEventHeaders.TYPE));
                ContractPayloads.read(r);
            }
            case OUT_OF_ORDER -> {
                Instant time = Instant.parse(r.headers().get(CloudEventHeaders.TIME));
                List<SensorRecord> earlier = sent.byKey.getOrDefault(r.topic() + "/" + r.key(), List.of());
                assertThat(earlier)
                        .as("earlier records of %s", r.key())
                        .anyMatch(e -> Instant.parse(e.headers().get(CloudEventHeaders.TIME))
                                .isAfter(time));
                assertThat(timeOf(ContractPayloads.read(r))).isEqualTo(time);
            }
            case OVERSIZED -> {
                assertThat(r.value().length).isGreaterThan(BadKind.PAYLOAD_LIMIT_BYTES);
                ContractPayloads.read(r); // valid JSON of a valid event: only its size is wrong
            }
        }
    }

    private static void assertRefusedByTheTwinAs(SensorRecord r, RejectionReason reason) {
        assertThatThrownBy(() -> ContractPayloads.read(r))
                .isInstanceOfSatisfying(
                        RejectedEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static boolean unknownToTheCatalog(Object payload) {
        if (payload instanceof ToolTelemetryReported t) {
            return CATALOG.tools().stream().map(Tool::toolId).noneMatch(t.toolId()::equals);
        }
        if (payload instanceof MeterReadingReported m) {
            return !CATALOG.power().assetIds().contains(m.asset());
        }
        if (payload instanceof AcceleratorHealthReported a) {
            long serial = SensorTrafficGeneratorTest.serialOf(a.acceleratorId());
            return CATALOG.installed().stream().noneMatch(s -> s.holds(serial));
        }
        return payload instanceof JobCancellationRequested;
    }

    private static Instant timeOf(Object payload) {
        if (payload instanceof ToolTelemetryReported t) {
            return t.at();
        }
        if (payload instanceof MeterReadingReported m) {
            return m.at();
        }
        return ((AcceleratorHealthReported) payload).observedAt();
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    @ParameterizedTest
    @EnumSource(BadKind.class)
    void everyDeadLetteredKindNamesAReasonTheTwinHas(BadKind kind) {
        if (kind == BadKind.DUPLICATE_REPLAY) {
            assertThat(kind.deadLetterReason()).isNull();
        } else {
            assertThat(Arrays.stream(RejectionReason.values()).map(RejectionReason::code))
                    .contains(kind.deadLetterReason());
        }
        assertThat(BadKind.ofCode(kind.code())).isEqualTo(kind);
    }
}
