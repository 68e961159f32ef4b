package io.terafab.campus;

import static io.terafab.testing.kafka.CloudEventRecords.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.terafab.contract.EventTypes;
import io.terafab.testing.kafka.CloudEventRecords;
import io.terafab.testing.kafka.ServiceProcess;
import io.terafab.testing.kafka.TestKafkaBroker;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A short grid, end to end across the packaged fab-, power- and scheduler-service: a meter reading
 * that halves the grid import limit lowers the budgets of both consumers at the tick that applies
 * it, and both consumers' published draw follows their new budget. The campus runs on its own
 * topics ({@code curtail-it.*}) and snapshot keys, so the other flows sharing the test broker do
 * not leak into it. Its grid has no on-site assets, so the import limit alone sets the supply.
 */
class PowerCurtailmentIT {

    private static final String PREFIX = "curtail-it.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final int RACKS = 8;
    private static final int RACK_SIZE = 72;
    private static final double BASE_LOAD_MW = 20;

    private static final List<ServiceProcess> SERVICES = new ArrayList<>();
    private static KafkaCompanion kafka;
    private static ServiceProcess power;

    @BeforeAll
    static void startCampus() {
        String bootstrap = TestKafkaBroker.bootstrapServers();
        kafka = new KafkaCompanion(bootstrap);
        Map<String, String> campus = Map.of(
                "twin.clock.anchor", Instant.now().toString(), // one clock for the three, as deploy/twin does
                "twin.clock.speed", "3600",
                "twin.tick.interval", "500ms");

        Map<String, String> fabProps = isolated("fab", campus);
        fabProps.put("mp.messaging.incoming.power-budget.topic", PREFIX + "power.budget");
        fabProps.put("mp.messaging.outgoing.wafer-outs.topic", PREFIX + "fab.wafer-outs");
        fabProps.put("mp.messaging.outgoing.power-draw.topic", PREFIX + "fab.power-draw");

        Map<String, String> powerProps = isolated("power", campus);
        powerProps.put("mp.messaging.incoming.fab-power-draw.topic", PREFIX + "fab.power-draw");
        powerProps.put("mp.messaging.incoming.dc-power-draw.topic", PREFIX + "dc.power-draw");
        powerProps.put("mp.messaging.incoming.meter-readings.topic", PREFIX + "sensor.meter-readings");
        powerProps.put("mp.messaging.outgoing.budgets.topic", PREFIX + "power.budget");
        powerProps.put("mp.messaging.outgoing.grid-state.topic", PREFIX + "power.grid-state");
        powerProps.put("power.gas.units", "0");
        powerProps.put("power.solar.plants", "0");
        powerProps.put("power.batteries.units", "0");
        powerProps.put("power.campus-base-load", String.valueOf(BASE_LOAD_MW));

        Map<String, String> schedulerProps = isolated("scheduler", campus);
        schedulerProps.put("mp.messaging.incoming.allocations.topic", PREFIX + "chips.allocations");
        schedulerProps.put("mp.messaging.incoming.removals.topic", PREFIX + "chips.removals");
        schedulerProps.put("mp.messaging.incoming.power-budget.topic", PREFIX + "power.budget");
        schedulerProps.put("mp.messaging.incoming.job-requests.topic", PREFIX + "jobs.requests");
        schedulerProps.put("mp.messaging.outgoing.power-draw.topic", PREFIX + "dc.power-draw");
        schedulerProps.put("mp.messaging.outgoing.capacity-requests.topic", PREFIX + "cluster.capacity-requests");
        schedulerProps.put("mp.messaging.outgoing.job-events.topic", PREFIX + "jobs.events");
        schedulerProps.put("mp.messaging.outgoing.job-submissions.topic", PREFIX + "jobs.requests");
        schedulerProps.put("scheduler.workload.enabled", "false");

        launch("fab-service", bootstrap, fabProps);
        power = launch("power-service", bootstrap, powerProps);
        launch("scheduler-service", bootstrap, schedulerProps);
        SERVICES.forEach(s -> s.awaitReady(Duration.ofSeconds(90)));
    }

    /** The campus settings plus this flow's own consumer groups and snapshot keys. */
    private static Map<String, String> isolated(String name, Map<String, String> campus) {
        Map<String, String> props = new HashMap<>(campus);
        props.put("kafka.group.id", "curtail-it-" + name);
        props.put("twin.state.instance-id", "curtail-it-" + name);
        return props;
    }

    private static ServiceProcess launch(String module, String bootstrap, Map<String, String> props) {
        ServiceProcess service = ServiceProcess.of(module, bootstrap, props).start();
        SERVICES.add(service);
        return service;
    }

    @AfterAll
    static void stopCampus() {
        SERVICES.forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void halvingTheGridImportLimitLowersBothBudgetsAtOneTickAndBothConsumersDrawLess() throws Exception {
        ConsumerTask<String, String> budgets =
                kafka.consume(String.class, String.class).fromTopics(PREFIX + "power.budget");
        ConsumerTask<String, String> draws = kafka.consume(String.class, String.class)
                .fromTopics(PREFIX + "fab.power-draw", PREFIX + "dc.power-draw");
        try {
            installAcceleratorsAndRunJobs();
            // both loads report a demand: the fab its line, the data center its busy accelerators (PUE included)
            JsonNode loads = await().atMost(WITHIN)
                    .until(
                            () -> get(power, "/grid"),
                            grid -> grid.at("/consumers/fab/demandMw").asDouble() > 0
                                    && grid.at("/consumers/dc/demandMw").asDouble() >= busyDataCenterMw() * 0.99);
            double fab = loads.at("/consumers/fab/demandMw").asDouble();
            double dc = loads.at("/consumers/dc/demandMw").asDouble();

            // Halved, the limit leaves the consumers 0.8 of the fab's demand plus the data center's inference
            // tier (0.3 of its demand): the fab is cut to 80%, above the tool and facility floor it never sheds
            // even if its demand keeps growing from a fresh start, and training in the data center gets nothing.
            // Whole, it is ample: nobody is curtailed, both draw their demand.
            double halved = BASE_LOAD_MW + 0.8 * fab + 0.3 * dc;
            double ampleCap = 2 * halved;
            putImportCap(ampleCap);
            await().atMost(WITHIN).untilAsserted(() -> {
                for (String consumer : List.of("fab", "dc")) {
                    JsonNode budget = latest(budgets, consumer).orElseThrow();
                    assertThat(budget.get("curtailed").asBoolean()).as(consumer).isFalse();
                    JsonNode draw = latest(draws, consumer).orElseThrow();
                    assertThat(draw.get("budgetMw").asDouble())
                            .as(consumer)
                            .isEqualTo(budget.get("capMw").asDouble());
                }
            });

            String at =
                    Instant.parse(get(power, "/grid").get("simTime").asText()).toString();
            kafka.produce(String.class, String.class)
                    .fromRecords(halvedImportLimit(halved, at))
                    .awaitCompletion(Duration.ofSeconds(30));
            Instant appliedAt = Instant.parse(await().atMost(WITHIN)
                    .until(() -> appliedAt(at), Optional::isPresent)
                    .orElseThrow());

            // the tick that applied the reading issued lower budgets for both consumers
            Map<String, Double> capBefore = new HashMap<>();
            await().atMost(WITHIN).untilAsserted(() -> {
                for (String consumer : List.of("fab", "dc")) {
                    JsonNode before = lastBefore(budgets, consumer, appliedAt).orElseThrow();
                    JsonNode after = issuedAt(budgets, consumer, appliedAt).orElseThrow();
                    assertThat(after.get("capMw").asDouble())
                            .as("%s's budget at %s", consumer, appliedAt)
                            .isLessThan(before.get("capMw").asDouble());
                    capBefore.put(consumer, before.get("capMw").asDouble());
                }
            });

            // and each consumer's next reports are under its new budget, drawing less than before
            await().atMost(WITHIN).untilAsserted(() -> {
                for (String consumer : List.of("fab", "dc")) {
                    String reports = "%s's reports: %s"
                            .formatted(
                                    consumer,
                                    of(draws, consumer).stream()
                                            .skip(Math.max(
                                                    0, of(draws, consumer).size() - 12))
                                            .toList());
                    Optional<JsonNode> before = drawBefore(draws, consumer, appliedAt);
                    Optional<JsonNode> after =
                            drawUnderLowerBudget(draws, consumer, appliedAt, capBefore.get(consumer));
                    assertThat(before)
                            .as("a report before %s; %s", appliedAt, reports)
                            .isPresent();
                    assertThat(after)
                            .as(
                                    "a report at or after %s under a budget below %s; %s",
                                    appliedAt, capBefore.get(consumer), reports)
                            .isPresent();
                    JsonNode drawBefore = before.get();
                    JsonNode drawAfter = after.get();
                    assertThat(drawAfter.get("drawMw").asDouble())
                            .as("%s draws within its budget", consumer)
                            .isLessThanOrEqualTo(drawAfter.get("budgetMw").asDouble() + 1e-9);
                    assertThat(drawAfter.get("drawMw").asDouble())
                            .as("%s draws less than before", consumer)
                            .isLessThan(drawBefore.get("drawMw").asDouble());
                    assertThat(drawAfter.get("budgetMw").asDouble()).isLessThan(capBefore.get(consumer));
                }
            });
        } finally {
            budgets.close();
            draws.close();
        }
    }

    /** Eight racks of accelerators installed, as chip-service would, and one long job on each rack. */
    private static void installAcceleratorsAndRunJobs() {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int rack = 1; rack <= RACKS; rack++) {
            StringBuilder ids = new StringBuilder();
            for (int a = 1; a <= RACK_SIZE; a++) {
                ids.append(a == 1 ? "" : ",")
                        .append("\"curtail-acc-")
                        .append(rack)
                        .append('-')
                        .append(a)
                        .append('"');
            }
            String request = "curtail-req-" + rack;
            records.add(event(
                    PREFIX + "chips.allocations",
                    request,
                    EventTypes.ACCELERATORS_ALLOCATED,
                    "alloc-" + request,
                    "{\"requestId\":\"" + request + "\",\"sku\":\"TFA-1-bin1\",\"rackId\":\"curtail-rack-" + rack
                            + "\",\"acceleratorIds\":[" + ids + "]}"));
        }
        for (int job = 1; job <= RACKS; job++) {
            String id = "curtail-job-" + job;
            records.add(event(
                    PREFIX + "jobs.requests",
                    id,
                    EventTypes.JOB_SUBMITTED,
                    "submit-" + id,
                    "{\"jobId\":\"" + id + "\",\"tenant\":\"research\",\"kind\":\"training\",\"accelerators\":"
                            + RACK_SIZE + ",\"durationHours\":5000,\"priority\":1}"));
        }
        kafka.produce(String.class, String.class).fromRecords(records).awaitCompletion(Duration.ofSeconds(30));
    }

    /** The data center's draw with every accelerator busy at scheduler-service's defaults (1.2 kW, PUE 1.25), MW. */
    private static double busyDataCenterMw() {
        return RACKS * RACK_SIZE * 1.2 * 1.25 / 1000;
    }

    private static ProducerRecord<String, String> halvedImportLimit(double mw, String at) {
        return event(
                PREFIX + "sensor.meter-readings",
                "curtail-meter-grid",
                EventTypes.METER_READING_REPORTED,
                CloudEventRecords.newId(),
                "{\"meterId\":\"curtail-meter-grid\",\"asset\":\"grid\","
                        + "\"quantity\":\"grid-import-limit\",\"value\":" + mw + ",\"at\":\"" + at + "\"}");
    }

    private static Optional<String> appliedAt(String at) throws IOException {
        for (JsonNode applied : get(power, "/grid/meters").get("applied")) {
            JsonNode reading = applied.get("reading");
            if (reading.get("asset").asText().equals("grid")
                    && Instant.parse(reading.get("at").asText()).equals(Instant.parse(at))) {
                return Optional.of(applied.get("appliedAt").asText());
            }
        }
        return Optional.empty();
    }

    private static void putImportCap(double mw) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(power.url("/grid/import-cap"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", ServiceProcess.operatorAuthorization())
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"capMw\":" + mw + "}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode get(ServiceProcess service, String path) throws IOException {
        HttpResponse<String> response = service.get(path);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<JsonNode> of(ConsumerTask<String, String> task, String consumer) {
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<String, String> r : task.getRecords()) {
            if (consumer.equals(r.key())) {
                values.add(json(r));
            }
        }
        return values;
    }

    private static Optional<JsonNode> latest(ConsumerTask<String, String> task, String consumer) {
        List<JsonNode> all = of(task, consumer);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private static Optional<JsonNode> issuedAt(ConsumerTask<String, String> budgets, String consumer, Instant at) {
        return of(budgets, consumer).stream()
                .filter(b -> Instant.parse(b.get("issuedAt").asText()).equals(at))
                .findFirst();
    }

    private static Optional<JsonNode> lastBefore(ConsumerTask<String, String> budgets, String consumer, Instant at) {
        return of(budgets, consumer).stream()
                .filter(b -> Instant.parse(b.get("issuedAt").asText()).isBefore(at))
                .reduce((first, second) -> second);
    }

    private static Optional<JsonNode> drawBefore(ConsumerTask<String, String> draws, String consumer, Instant at) {
        return of(draws, consumer).stream()
                .filter(d -> Instant.parse(d.get("at").asText()).isBefore(at))
                .reduce((first, second) -> second);
    }

    /** The first report at or after {@code at} made under a budget below {@code capBeforeMw}: a lowered one. */
    private static Optional<JsonNode> drawUnderLowerBudget(
            ConsumerTask<String, String> draws, String consumer, Instant at, double capBeforeMw) {
        return of(draws, consumer).stream()
                .filter(d -> !Instant.parse(d.get("at").asText()).isBefore(at))
                .filter(d -> d.hasNonNull("budgetMw") && d.get("budgetMw").asDouble() < capBeforeMw)
                .findFirst();
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + record.value(), e);
        }
    }
}
