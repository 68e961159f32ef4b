package io.terafab.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a record is matched to its message and checked, on a small document of its own. */
class AsyncApiContractTest {

    private static final String DOCUMENT = """
            asyncapi: 3.0.0
            info: {title: test, version: 1.0.0}
            defaultContentType: application/json
            channels:
              jobs:
                address: jobs.requests
                messages:
                  submitted: {$ref: '#/components/messages/Submitted'}
                  cancelled: {$ref: '#/components/messages/Cancelled'}
                bindings: {kafka: {partitions: 3, topicConfiguration: {cleanup.policy: [delete]}}}
              jobsDlq:
                address: jobs.requests.dlq
                messages:
                  deadLetter: {$ref: '#/components/messages/DeadLetter'}
              state:
                address: svc.state
                messages:
                  snapshot: {$ref: '#/components/messages/Snapshot'}
            operations:
              submit:
                action: send
                channel: {$ref: '#/channels/jobs'}
                messages: [{$ref: '#/channels/jobs/messages/submitted'}]
                tags: [{name: integrators}]
            components:
              messages:
                Submitted:
                  headers:
                    allOf:
                      - $ref: '#/components/schemas/Envelope'
                      - properties: {ce_type: {const: io.terafab.jobs.job-submitted.v1}}
                  payload: {$ref: '#/components/schemas/Job'}
                  bindings: {kafka: {key: {type: string, x-payload-field: jobId}}}
                  examples:
                    - name: one
                      headers: {ce_type: io.terafab.jobs.job-submitted.v1, ce_time: '2027-01-01T08:00:00Z', ce_subject: job-1}
                      payload: {jobId: job-1, accelerators: 8}
                Cancelled:
                  headers:
                    allOf:
                      - $ref: '#/components/schemas/Envelope'
                      - properties: {ce_type: {const: io.terafab.jobs.job-cancellation-requested.v1}}
                  payload: {type: object, required: [jobId], properties: {jobId: {type: string}}}
                DeadLetter:
                  contentType: application/octet-stream
                  headers: {type: object, required: [dead-letter-reason]}
                  payload: {}
                Snapshot:
                  payload: {type: [object, 'null']}
              schemas:
                Envelope:
                  type: object
                  required: [ce_type, ce_time]
                  properties: {ce_time: {type: string, format: date-time}}
                Job:
                  type: object
                  additionalProperties: false
                  required: [jobId, accelerators]
                  properties:
                    jobId: {type: string}
                    accelerators: {type: integer, minimum: 1}
            """;
    private static final AsyncApiContract CONTRACT = AsyncApiContract.parse(DOCUMENT);
    private static final Map<String, String> SUBMITTED =
            Map.of("ce_type", "io.terafab.jobs.job-submitted.v1", "ce_time", "2027-01-01T08:00:00Z");

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aConformingRecordHasNoViolations() {
        assertThat(CONTRACT.validate(
                        "jobs.requests", "job-1", SUBMITTED, bytes("{\"jobId\":\"job-1\",\"accelerators\":8}")))
                .isEmpty();
    }

    @Test
    void theTypeHeaderPicksTheMessageOfTheTopic() {
        Map<String, String> cancellation =
                Map.of("ce_type", "io.terafab.jobs.job-cancellation-requested.v1", "ce_time", "2027-01-01T08:00:00Z");

        assertThat(CONTRACT.validate("jobs.requests", "job-1", cancellation, bytes("{\"jobId\":\"job-1\"}")))
                .isEmpty();
        assertThat(CONTRACT.validate(
                        "jobs.requests", "job-1", Map.of("ce_type", "io.terafab.jobs.job-started.v1"), bytes("{}")))
                .containsExactly("topic jobs.requests carries no message of type io.terafab.jobs.job-started.v1");
        assertThat(CONTRACT.validate("jobs.events", "job-1", SUBMITTED, bytes("{}")))
                .containsExactly("topic jobs.events is not in the contract");
    }

    @Test
    void eachPartIsCheckedAndNamedInItsViolations() {
        Map<String, String> noTime = Map.of("ce_type", "io.terafab.jobs.job-submitted.v1", "ce_time", "yesterday");

        assertThat(CONTRACT.validate(
                        "jobs.requests", "job-2", noTime, bytes("{\"jobId\":\"job-1\",\"accelerators\":0,\"x\":1}")))
                .hasSize(4)
                .anySatisfy(v -> assertThat(v).startsWith("headers/ce_time: "))
                .anySatisfy(v -> assertThat(v).startsWith("payload/accelerators: "))
                .anySatisfy(v -> assertThat(v).startsWith("payload: ").contains("'x'"))
                .anySatisfy(v -> assertThat(v).isEqualTo("key 'job-2' is not the payload's jobId 'job-1'"));
        assertThat(CONTRACT.validate("jobs.requests", "job-1", SUBMITTED, bytes("{not json")))
                .singleElement()
                .asString()
                .startsWith("payload is not JSON");
    }

    @Test
    void anUntypedMessageTakesAnyRecordOfItsTopicAndAnOctetStreamIsNotParsed() {
        Map<String, String> deadLetter =
                Map.of("dead-letter-reason", "malformed: not JSON", "ce_type", "io.terafab.jobs.job-submitted.v1");

        assertThat(CONTRACT.validate("jobs.requests.dlq", "job-1", deadLetter, bytes("{not json")))
                .isEmpty();
        assertThat(CONTRACT.validate("jobs.requests.dlq", null, Map.of(), bytes("x")))
                .singleElement()
                .asString()
                .startsWith("headers: ");
        assertThat(CONTRACT.validate("svc.state", "svc", Map.of(), null))
                .as("a tombstone")
                .isEmpty();
    }

    @Test
    void channelsOperationsAndExamplesAreReadThroughTheirReferences() {
        ContractChannel jobs = CONTRACT.channel("jobs.requests").orElseThrow();
        ContractMessage submitted = jobs.messages().get(0);

        assertThat(jobs.partitions()).isEqualTo(3);
        assertThat(jobs.cleanupPolicy()).containsExactly("delete");
        assertThat(submitted.name()).isEqualTo("Submitted");
        assertThat(submitted.type()).isEqualTo("io.terafab.jobs.job-submitted.v1");
        assertThat(submitted.payloadSchema()).isEqualTo("Job");
        assertThat(submitted.keyField()).isEqualTo("jobId");
        assertThat(CONTRACT.examples()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("job-1");
            assertThat(e.topic()).isEqualTo("jobs.requests");
        });
        assertThat(CONTRACT.operations()).singleElement().satisfies(o -> {
            assertThat(o.sends()).isTrue();
            assertThat(o.party()).isEqualTo("integrators");
            assertThat(o.topic()).isEqualTo("jobs.requests");
            assertThat(o.messages()).containsExactly("Submitted");
        });
    }

    @Test
    void aDocumentWithAReferenceThatLeadsNowhereOrADuplicateKeyIsRefused() {
        assertThatThrownBy(() -> AsyncApiContract.parse(
                        DOCUMENT.replace("'#/components/schemas/Job'", "'#/components/schemas/Jobs'")))
                .hasMessageContaining("#/components/schemas/Jobs");
        assertThatThrownBy(() ->
                        AsyncApiContract.parse(DOCUMENT.replace("asyncapi: 3.0.0", "asyncapi: 3.0.0\nasyncapi: 2.6.0")))
                .hasMessageContaining("asyncapi");
    }

    @Test
    void theRepositoryRootIsTheNearestFolderWithTheContract(@TempDir Path dir, @TempDir Path elsewhere)
            throws Exception {
        Files.createDirectories(dir.resolve("deploy/asyncapi"));
        Path module = Files.createDirectories(dir.resolve("twin-contract/src"));

        assertThat(RepositoryRoot.findFrom(module)).isEqualTo(dir);
        assertThatThrownBy(() -> RepositoryRoot.findFrom(elsewhere)).isInstanceOf(IllegalStateException.class);
    }
}
