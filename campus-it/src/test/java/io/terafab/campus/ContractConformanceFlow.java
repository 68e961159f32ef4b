package io.terafab.campus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.terafab.testing.contract.AsyncApiContract;
import io.terafab.testing.contract.ContractChannel;
import io.terafab.testing.contract.ContractExample;
import io.terafab.testing.contract.ContractMessage;
import io.terafab.testing.contract.ContractOperation;
import io.terafab.testing.kafka.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged services keep the AsyncAPI contract ({@code deploy/asyncapi}), checked from outside
 * as an integrator sees them: every record they write (events, dead letters, snapshots) matches
 * its channel's message in key, {@code ce_*} headers and payload; and every example of every topic
 * a service reads is applied by that service rather than dead-lettered. The services, their
 * topics, partitions and who reads what all come from the document, so a topic added to it is
 * covered here without touching this test. Runs on the default campus of {@link DefaultCampusIT},
 * whose topics ({@code campus.*}) are created as the document describes them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ContractConformanceFlow {

    private static final String PREFIX = DefaultCampus.PREFIX;
    private static final AsyncApiContract CONTRACT = DefaultCampus.CONTRACT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration OUTPUTS_WITHIN = Duration.ofSeconds(150);
    private static final Duration EXAMPLE_WITHIN = Duration.ofSeconds(30);
    /**
     * Health reports name installed accelerators: the examples name the first three a default campus
     * installs (rack-00001, serials 1 to 3 of the SKU with most stock), which the test waits for
     * before publishing them. The operators' commands of chips.commands, later in the document,
     * return and scrap the two of them the examples report failed.
     */
    private static final String HEALTH_TOPIC = "sensor.accelerator-health";

    private static ObservedTopics observed;
    private static KafkaProducer<String, byte[]> producer;
    private static boolean acceleratorFailed;
    private static String failedAccelerator;
    private static boolean failedAcceleratorReturned;

    @BeforeAll
    static void observeTheCampus() {
        String bootstrap = DefaultCampusIT.campus().bootstrapServers();
        // from the beginning of every topic: what the services wrote before this flow started counts too
        observed = new ObservedTopics(
                bootstrap,
                PREFIX,
                CONTRACT,
                CONTRACT.channels().stream().map(ContractChannel::address).toList());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopObserving() throws Exception {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (observed != null) {
            observed.close();
        }
    }

    private static Set<String> services() {
        return DefaultCampus.services();
    }

    private static String instanceOf(String service) {
        return DefaultCampus.instanceOf(service);
    }

    private static ServiceProcess service(String name) {
        return DefaultCampusIT.campus().service(name);
    }

    private static Set<String> topicsOf(String party, String action) {
        return CONTRACT.operations().stream()
                .filter(o -> o.party().equals(party) && o.action().equals(action))
                .map(ContractOperation::topic)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    @Order(1)
    void everyRecordTheServicesWriteMatchesItsChannelsMessage() throws Exception {
        Set<String> outputs = new TreeSet<>();
        services().forEach(s -> outputs.addAll(topicsOf(s, ContractOperation.SEND)));
        outputs.removeIf(t -> t.endsWith(".dlq")); // written only when an input is refused

        // Three outputs need a cause from outside: jobs.requests carries the REST API's requests,
        // chips.removals an accelerator reported failed, chips.commands an operator returning it.
        submitAndCancelAJobOverRest();
        await().atMost(OUTPUTS_WITHIN).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            failAnInstalledAcceleratorOnce();
            returnTheFailedAcceleratorOnce();
            assertThat(outputs)
                    .allSatisfy(topic -> assertThat(observed.count(topic))
                            .as("records on %s", topic)
                            .isPositive());
        });
        assertThat(observed.violations()).isEmpty();
    }

    private static void submitAndCancelAJobOverRest() throws Exception {
        ServiceProcess scheduler = service("scheduler-service");
        ObjectNode job = (ObjectNode) example("JobSubmitted").payload().deepCopy();
        job.put("jobId", "contract-it-rest-job");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> submitted = http.send(
                HttpRequest.newBuilder(scheduler.url("/jobs"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", ServiceProcess.operatorAuthorization())
                        .POST(HttpRequest.BodyPublishers.ofString(job.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        await().atMost(EXAMPLE_WITHIN)
                .untilAsserted(() -> assertThat(http.send(
                                        HttpRequest.newBuilder(scheduler.url("/jobs/contract-it-rest-job"))
                                                .header("Authorization", ServiceProcess.operatorAuthorization())
                                                .DELETE()
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .isEqualTo(202));
    }

    /** Reports the last accelerator of the first installed rack failed, the way monitoring would. */
    private static void failAnInstalledAcceleratorOnce() throws Exception {
        if (acceleratorFailed || observed.first("chips.allocations").isEmpty()) {
            return;
        }
        ObservedTopics.FirstRecord allocation =
                observed.first("chips.allocations").orElseThrow();
        JsonNode ids = allocation.payload().path("acceleratorIds");
        String accelerator = ids.get(ids.size() - 1).asText();
        ContractExample failed = CONTRACT.messages().stream()
                .filter(m -> m.topic().equals(HEALTH_TOPIC))
                .flatMap(m -> m.examples().stream())
                .filter(e -> e.payload().path("status").asText().equals("failed"))
                .findFirst()
                .orElseThrow();
        assertThat(CONTRACT.examples())
                .as("no example names %s", accelerator)
                .noneMatch(e -> e.payload().toString().contains('"' + accelerator + '"'));
        String at = allocation.headers().get("ce_time");
        ObjectNode payload = failed.payload().deepCopy();
        payload.put("acceleratorId", accelerator);
        payload.put("rackId", allocation.payload().path("rackId").asText());
        payload.put("observedAt", at);
        Map<String, String> headers = new LinkedHashMap<>(failed.headers());
        headers.put(AsyncApiContract.CE_ID, "contract-it-failure-" + accelerator);
        headers.put(AsyncApiContract.CE_SUBJECT, accelerator);
        headers.put("ce_time", at);
        publish(HEALTH_TOPIC, accelerator, headers, payload);
        acceleratorFailed = true;
        failedAccelerator = accelerator;
    }

    /** Once chip-service removed the failed accelerator, an operator sends it back over REST (a command on the log). */
    private static void returnTheFailedAcceleratorOnce() throws Exception {
        if (failedAcceleratorReturned || failedAccelerator == null || observed.count("chips.removals") == 0) {
            return;
        }
        HttpResponse<String> returned = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(service("chip-service")
                                        .url("/inventory/accelerators/" + failedAccelerator + "/return"))
                                .header("Authorization", ServiceProcess.operatorAuthorization())
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        failedAcceleratorReturned = returned.statusCode() == 200;
    }

    @Test
    @Order(2)
    void everyExampleOfATopicAServiceReadsIsAppliedByThatService() throws Exception {
        List<String> outcomes = new ArrayList<>();
        // in document order: allocations come before the removal of one of the allocated accelerators
        for (ContractChannel channel : CONTRACT.channels()) {
            // a service reads its snapshot topic only when it starts: snapshots are not examples to apply
            if (channel.address().endsWith(".state")) {
                continue;
            }
            List<String> consumers = services().stream()
                    .filter(s -> topicsOf(s, ContractOperation.RECEIVE).contains(channel.address()))
                    .toList();
            if (consumers.isEmpty()) {
                continue;
            }
            Map<String, Map<String, Double>> consumedBefore = new HashMap<>();
            for (String consumer : consumers) {
                consumedBefore.put(consumer, consumedByType(consumer));
            }
            List<ContractExample> examples = channel.messages().stream()
                    .flatMap(m -> m.examples().stream())
                    .toList();
            if (channel.address().equals(HEALTH_TOPIC)) {
                awaitTheAcceleratorsTheExamplesName(examples);
            }
            for (ContractExample example : examples) {
                publish(channel.address(), example.key(), example.headers(), example.payload());
            }
            Map<String, Map<String, Integer>> appliedByType = new HashMap<>();
            for (ContractExample example : examples) {
                await().atMost(EXAMPLE_WITHIN)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> consumers.stream().allMatch(c -> observed.applied(instanceOf(c), example.id()))
                                || observed.deadLetterReason(example.id()).isPresent());
                String type = example.headers().get(AsyncApiContract.CE_TYPE);
                String outcome = observed.deadLetterReason(example.id())
                        .map(r -> "dead-lettered: " + r)
                        .orElse("applied");
                outcomes.add(example + " -> " + outcome);
                assertThat(outcome).as("%s, read by %s", example, consumers).isEqualTo("applied");
                consumers.forEach(c ->
                        appliedByType.computeIfAbsent(c, k -> new HashMap<>()).merge(type, 1, Integer::sum));
            }
            for (String consumer : consumers) {
                Map<String, Double> after = consumedByType(consumer);
                appliedByType
                        .getOrDefault(consumer, Map.of())
                        .forEach((type, applied) -> assertThat(after.getOrDefault(type, 0.0)
                                        - consumedBefore.get(consumer).getOrDefault(type, 0.0))
                                .as("%s's consumed count of %s", consumer, type)
                                .isGreaterThanOrEqualTo(applied));
            }
        }
        System.out.printf("[contract-it] examples:%n  %s%n", String.join("\n  ", outcomes));
        assertThat(outcomes).isNotEmpty();
        assertThat(observed.violations()).isEmpty();
    }

    /** Waits until chip-service has installed, in the rack they name, the accelerators the examples report on. */
    private static void awaitTheAcceleratorsTheExamplesName(List<ContractExample> examples) {
        ServiceProcess chip = service("chip-service");
        for (ContractExample example : examples) {
            String accelerator = example.payload().path("acceleratorId").asText();
            String rack = example.payload().path("rackId").asText();
            await().atMost(OUTPUTS_WITHIN).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                HttpResponse<String> view = chip.get("/inventory/accelerators/" + accelerator);
                assertThat(view.statusCode())
                        .as(
                                "%s names %s in %s, which a default campus installs first, but "
                                        + "chip-service has not installed it: %s",
                                example, accelerator, rack, view.body())
                        .isEqualTo(200);
                JsonNode installed = JSON.readTree(view.body());
                assertThat(installed.path("rackId").asText())
                        .as("rack of %s", accelerator)
                        .isEqualTo(rack);
                assertThat(installed.path("state").asText())
                        .as("state of %s", accelerator)
                        .isEqualTo("INSTALLED");
            });
        }
    }

    private static ContractExample example(String message) {
        return CONTRACT.messages().stream()
                .filter(m -> m.name().equals(message))
                .map(ContractMessage::examples)
                .findFirst()
                .orElseThrow()
                .get(0);
    }

    private static void publish(String topic, String key, Map<String, String> headers, JsonNode payload)
            throws Exception {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.forEach((name, value) -> kafkaHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(new ProducerRecord<>(PREFIX + topic, null, key, JSON.writeValueAsBytes(payload), kafkaHeaders))
                .get();
    }

    /** {@code terafab_messaging_events_consumed_total} of a service, summed over its channels, by event type. */
    private static Map<String, Double> consumedByType(String service) throws IOException {
        return new MetricsScrape(service(service).get("/q/metrics").body())
                .sumBy("terafab_messaging_events_consumed_total", Map.of(), "type");
    }
}
