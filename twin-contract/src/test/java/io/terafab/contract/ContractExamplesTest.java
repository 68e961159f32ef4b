package io.terafab.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.terafab.testing.contract.AsyncApiContract;
import io.terafab.testing.contract.ContractExample;
import io.terafab.testing.contract.ContractMessage;
import io.terafab.testing.contract.RepositoryRoot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of the document is a valid event (headers, key, payload) that the consuming
 * service reads into its record, the record writes back within the schema, and mutated examples
 * show the schema refuses what it must.
 */
class ContractExamplesTest {

    private static final AsyncApiContract CONTRACT = AsyncApiContract.load();

    private static ContractMessage message(String name) {
        return CONTRACT.messages().stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static ContractExample example(String message, String name) {
        return message(message).examples().stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everyMessageHasAnExampleAndEveryEventMessageDocumentsARecord() {
        for (ContractMessage message : CONTRACT.messages()) {
            assertThat(message.examples()).as("examples of %s", message.name()).isNotEmpty();
            if (message.type() != null) {
                assertThat(PayloadRecords.of(message))
                        .as("record of %s", message.name())
                        .isPresent();
            }
        }
    }

    @Test
    void everyExampleConformsToItsMessage() {
        List<String> violations = new ArrayList<>();
        for (ContractMessage message : CONTRACT.messages()) {
            for (ContractExample example : message.examples()) {
                List<String> found = new ArrayList<>(CONTRACT.validateHeaders(message, example.headers()));
                found.addAll(CONTRACT.validatePayload(message, example.payload()));
                found.addAll(CONTRACT.validateKey(message, example.key(), example.payload()));
                found.forEach(v -> violations.add(example + ": " + v));
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyEventExampleHasItsEntityAsKeyAndSubject() {
        for (ContractMessage message : CONTRACT.messages()) {
            if (message.type() == null) {
                continue;
            }
            for (ContractExample example : message.examples()) {
                assertThat(example.headers()).as("%s", example).containsKey(AsyncApiContract.CE_SUBJECT);
                assertThat(example.key())
                        .as("%s", example)
                        .isEqualTo(example.payload().path(message.keyField()).asText());
            }
        }
    }

    @Test
    void everyEventExampleIsReadByItsRecordAsTheConsumingServiceReadsIt() throws Exception {
        for (ContractMessage message : CONTRACT.messages()) {
            for (ContractExample example : message.examples()) {
                Class<?> type = PayloadRecords.of(message).orElse(null);
                if (type != null) {
                    assertThat(ServiceJson.read(example.payload(), type))
                            .as("%s", example)
                            .isInstanceOf(type);
                }
            }
        }
    }

    /** The producer's side: a record written as the services write it (nulls included) conforms. */
    @Test
    void whatAProducingServiceWritesFromAnExampleRecordConformsToTheSchema() throws Exception {
        List<String> violations = new ArrayList<>();
        for (ContractMessage message : CONTRACT.messages()) {
            for (ContractExample example : message.examples()) {
                Class<?> type = PayloadRecords.of(message).orElse(null);
                if (type != null) {
                    JsonNode written = ServiceJson.write(ServiceJson.read(example.payload(), type));
                    CONTRACT.validatePayload(message, written).forEach(v -> violations.add(example + ": " + v));
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /** {@link ServiceJson} copies Quarkus's defaults; a service that changes them must change it too. */
    @Test
    void servicesReadPayloadsWithQuarkusDefaultJacksonSettings() {
        for (ServiceSettings service : ServiceSettings.of(RepositoryRoot.find())) {
            assertThat(service.jacksonKeys()).as(service.module()).isEmpty();
        }
    }

    /**
     * A payload change the schema must refuse.
     *
     * @param recordRefusesToo whether the consuming service refuses it as well; where it does not,
     *     the service either tolerates it (an unknown field) or refuses it later with its own
     *     check (a draw on the other consumer's topic)
     */
    record PayloadMutation(
            String message, String example, String change, Consumer<ObjectNode> mutation, boolean recordRefusesToo) {

        @Override
        public String toString() {
            return message + ": " + change;
        }
    }

    static Stream<PayloadMutation> payloadMutations() {
        return Stream.of(
                refusedByBoth("WaferOutRecorded", "regular-lot", "no lotId", p -> p.remove("lotId")),
                refusedByBoth("WaferOutRecorded", "regular-lot", "a blank product", p -> p.put("product", "  ")),
                refusedByBoth("WaferOutRecorded", "regular-lot", "no wafers", p -> p.put("wafers", 0)),
                refusedByBoth("WaferOutRecorded", "regular-lot", "a fraction of a wafer", p -> p.put("wafers", 24.5)),
                refusedByBoth(
                        "WaferOutRecorded",
                        "regular-lot",
                        "negative good dies",
                        p -> ((ObjectNode) p.get("goodDiesByBin")).put("bin1", -1)),
                refusedByBoth(
                        "WaferOutRecorded",
                        "regular-lot",
                        "a finish time that is not a time",
                        p -> p.put("finishedAt", "yesterday")),
                refusedByBoth(
                        "WaferOutRecorded", "regular-lot", "a negative cycle time", p -> p.put("cycleTimeDays", -1)),
                schemaOnly("WaferOutRecorded", "regular-lot", "wafers as text", p -> p.put("wafers", "25")),
                schemaOnly("WaferOutRecorded", "regular-lot", "an undocumented field", p -> p.put("yield", 0.9)),
                schemaOnly(
                        "FabPowerDrawReported",
                        "curtailed-fab",
                        "the data center's draw on the fab's topic",
                        p -> p.put("consumer", "dc")),
                refusedByBoth(
                        "FabPowerDrawReported",
                        "curtailed-fab",
                        "a negative draw of an area",
                        p -> ((ObjectNode) p.get("drawByAreaMw")).put("litho", -1.0)),
                refusedByBoth("FabPowerDrawReported", "curtailed-fab", "a negative budget", p -> p.put("budgetMw", -1)),
                refusedByBoth("BudgetIssued", "fab-curtailed", "a negative cap", p -> p.put("capMw", -0.5)),
                refusedByBoth("BudgetIssued", "fab-curtailed", "no curtailed flag", p -> p.remove("curtailed")),
                refusedByBoth(
                        "MeterReadingReported",
                        "battery-state-of-charge",
                        "a state of charge above 1",
                        p -> p.put("value", 1.5)),
                refusedByBoth("MeterReadingReported", "breaker-trip", "a breaker half open", p -> p.put("value", 0.5)),
                refusedByBoth(
                        "MeterReadingReported",
                        "grid-import-limit",
                        "an unknown quantity",
                        p -> p.put("quantity", "voltage")),
                refusedByBoth("MeterReadingReported", "solar-output", "a negative output", p -> p.put("value", -3)),
                refusedByBoth(
                        "ToolTelemetryReported",
                        "reading-within-limits",
                        "both a state and a reading",
                        p -> p.put("state", "DOWN")),
                refusedByBoth(
                        "ToolTelemetryReported", "breakdown", "neither a state nor a reading", p -> p.remove("state")),
                refusedByBoth("ToolTelemetryReported", "breakdown", "an unknown state", p -> p.put("state", "BROKEN")),
                refusedByBoth(
                        "ToolTelemetryReported",
                        "reading-within-limits",
                        "a reading without its value",
                        p -> ((ObjectNode) p.get("reading")).remove("value")),
                refusedByBoth(
                        "AcceleratorHealthReported", "failed", "a failure without a reason", p -> p.remove("reason")),
                refusedByBoth(
                        "AcceleratorHealthReported",
                        "failed",
                        "a failure with a null reason",
                        p -> p.putNull("reason")),
                refusedByBoth(
                        "AcceleratorHealthReported", "healthy", "an unknown status", p -> p.put("status", "degraded")),
                refusedByBoth("JobSubmitted", "first-version", "an unknown kind", p -> p.put("kind", "gaming")),
                refusedByBoth("JobSubmitted", "first-version", "no accelerators", p -> p.put("accelerators", 0)),
                refusedByBoth("JobSubmitted", "first-version", "no duration", p -> p.put("durationHours", 0)),
                refusedByBoth(
                        "JobSubmitted", "priority-class", "a blank priority class", p -> p.put("priorityClass", " ")),
                refusedByBoth("JobCancellationRequested", "cancel", "a blank reason", p -> p.put("reason", "")),
                refusedByBoth("CapacityRequested", "named-sku", "a negative count", p -> p.put("accelerators", -72)),
                refusedByBoth("CapacityRequested", "named-sku", "a blank SKU", p -> p.put("sku", "")),
                refusedByBoth("CapacityRequested", "any-sku", "no priority", p -> p.remove("priority")),
                refusedByBoth(
                        "AcceleratorsAllocated",
                        "one-rack",
                        "no accelerators",
                        p -> p.set("acceleratorIds", p.arrayNode())),
                refusedByBoth("AcceleratorsRemoved", "one-failed", "no reason", p -> p.remove("reason")),
                refusedByBoth("SkuInventoryReported", "top-bin", "a negative stock", p -> p.put("inStock", -1)),
                refusedByBoth(
                        "GridStateRecorded",
                        "night-on-the-grid",
                        "a negative source output",
                        p -> ((ObjectNode) ((ArrayNode) p.get("sources")).get(0)).put("outputMw", -1.0)),
                refusedByBoth(
                        "GridStateRecorded",
                        "night-on-the-grid",
                        "a battery without its state of charge",
                        p -> ((ObjectNode) ((ArrayNode) p.get("batteries")).get(0)).remove("stateOfCharge")),
                refusedByBoth("JobQueued", "queued", "no estimated time", p -> p.put("estimatedHours", 0)),
                refusedByBoth("JobStarted", "started", "a gang spanning no rack", p -> p.put("racks", 0)),
                refusedByBoth(
                        "JobStarted",
                        "started",
                        "a rack named twice",
                        p -> p.putArray("rackIds").add("rack-00001").add("rack-00001")),
                refusedByBoth(
                        "JobResumed",
                        "after-preemption",
                        "a blank rack id",
                        p -> p.putArray("rackIds").add(" ")));
    }

    private static PayloadMutation refusedByBoth(
            String message, String example, String change, Consumer<ObjectNode> mutation) {
        return new PayloadMutation(message, example, change, mutation, true);
    }

    private static PayloadMutation schemaOnly(
            String message, String example, String change, Consumer<ObjectNode> mutation) {
        return new PayloadMutation(message, example, change, mutation, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloadMutations")
    void aMutatedExampleIsRefusedByTheSchema(PayloadMutation m) throws Exception {
        ContractMessage message = message(m.message());
        ObjectNode payload = example(m.message(), m.example()).payload().deepCopy();
        m.mutation().accept(payload);

        assertThat(CONTRACT.validatePayload(message, payload)).as(m.change()).isNotEmpty();
        if (m.recordRefusesToo()) {
            assertThat(ServiceJson.readable(payload, PayloadRecords.of(message).orElseThrow()))
                    .as(m.change())
                    .isFalse();
        }
    }

    record HeaderMutation(String change, Consumer<Map<String, String>> mutation) {

        @Override
        public String toString() {
            return change;
        }
    }

    static Stream<HeaderMutation> headerMutations() {
        return Stream.of(
                new HeaderMutation("CloudEvents 0.3", h -> h.put("ce_specversion", "0.3")),
                new HeaderMutation("no id", h -> h.remove("ce_id")),
                new HeaderMutation("a blank source", h -> h.put("ce_source", " ")),
                new HeaderMutation("no time", h -> h.remove("ce_time")),
                new HeaderMutation("a time without its offset", h -> h.put("ce_time", "2027-01-01T08:00:00")),
                new HeaderMutation(
                        "another message's type", h -> h.put("ce_type", EventTypes.JOB_CANCELLATION_REQUESTED)),
                new HeaderMutation("an unversioned type", h -> h.put("ce_type", "io.terafab.jobs.job-submitted")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerMutations")
    void aMutatedEnvelopeIsRefusedByTheHeadersSchema(HeaderMutation m) {
        Map<String, String> headers =
                new HashMap<>(example("JobSubmitted", "first-version").headers());
        m.mutation().accept(headers);

        assertThat(CONTRACT.validateHeaders(message("JobSubmitted"), headers))
                .as(m.change())
                .isNotEmpty();
    }

    @Test
    void aKeyThatIsNotThePayloadsEntityIsRefused() {
        ContractExample submitted = example("JobSubmitted", "first-version");

        assertThat(CONTRACT.validateKey(message("JobSubmitted"), "job-99", submitted.payload()))
                .isNotEmpty();
        assertThat(CONTRACT.validateKey(message("JobSubmitted"), null, submitted.payload()))
                .isNotEmpty();
        assertThat(CONTRACT.validateKey(message("JobSubmitted"), submitted.key(), submitted.payload()))
                .isEmpty();
    }
}
