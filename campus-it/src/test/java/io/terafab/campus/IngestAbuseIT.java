package io.terafab.campus;

import static io.terafab.campus.IngestLedger.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.terafab.campus.IngestLedger.Channel;
import io.terafab.campus.IngestLedger.DeadLetter;
import io.terafab.campus.IngestLedger.Fate;
import io.terafab.campus.IngestLedger.Outcome;
import io.terafab.campus.IngestLedger.Sent;
import io.terafab.campus.IngestLedger.TopicStream;
import io.terafab.contract.EventTypes;
import io.terafab.contract.Topics;
import io.terafab.testing.kafka.CloudEventRecords;
import io.terafab.testing.kafka.ServiceProcess;
import io.terafab.testing.kafka.TestKafkaBroker;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four packaged services take a stream of good events mixed with malformed and boundary ones on
 * every topic they read — the integrators' sensor topics and the service-to-service topics — and
 * hold: no service stops or stalls, every bad event is in {@code <topic>.dlq} exactly once per
 * consumer that refused it with the expected reason, the rejection and duplicate counters rise by
 * exactly those events, and the twin holds what the good events alone determine.
 *
 * <p><b>The campus.</b> The services run as in production, each its own process on the shared test
 * broker, but every topic they read is this run's own ({@code abuse-<run>.<topic>}) and every topic
 * they write goes to a topic nobody reads ({@code abuse-<run>.out.<topic>}). The test is then the
 * only producer of every input: the fab's budgets and the chip inventory's wafer-outs are exactly
 * the ones sent here, not the other services' live output, so what the good events determine is
 * known exactly. Input topics have one partition, so each topic's records are applied in the order
 * sent; across topics there is no order, and the stream never relies on one (an event about an
 * accelerator is sent only once the event that installed it was applied).
 *
 * <p><b>The ledger.</b> Every record sent is recorded in an {@link IngestLedger} with its fate at
 * each consumer of its topic: applied, dropped as a duplicate, or rejected with a reason. A budget
 * on {@code power.budget} is read by fab-service and scheduler-service and judged only by the one
 * it names (the other applies it as "not mine"), so its fates differ per consumer; every other
 * record has one fate. The expected dead letters (by {@code dead-letter-service}, {@code ce_id} or
 * the payload of a record without one, and the reason code) and the expected counter increases are
 * derived from the ledger.
 *
 * <p><b>The oracle for the twin's state.</b> The models move with the twin clock (the fab runs its
 * line, the grid dispatches, jobs wait), so the state is not compared as a whole with a replay:
 * what is compared is what the events determine, read through REST, against what the good events
 * alone dictate, choosing every bad event so that applying it would show there.
 * <ul>
 *   <li>fab: the tools named by good DOWN/PM reports and out-of-limit readings are held down in
 *       the reported state; a tool reported DOWN then UP, one only confirmed by a reading within
 *       limits, and those named only by bad events (out of order, a bad state or reading, an id
 *       reused for an UP) are not held; an unknown tool was not created; the budget is the good
 *       one, not an older one, a negative one or one under a reused id;</li>
 *   <li>power: the meter readings shown as applied (or pending) are exactly the good ones; the
 *       breakers open, the import limit in force and each consumer's latest draw are those of the
 *       latest good reading;</li>
 *   <li>chips: the lots recorded are exactly the good ones, each SKU's production follows from
 *       their good dies alone (the yields of the defaults), the requests known are the good ones
 *       with the accelerators they asked for, exactly one accelerator failed (the one of the good
 *       failure report) and conservation holds;</li>
 *   <li>scheduler: the racks are the good allocations less the good removal, the jobs known are
 *       exactly the good submissions with their good fields (one cancelled by its good
 *       cancellation), and the data center's budget is the good one.</li>
 * </ul>
 *
 * <p><b>Out of order</b> means, per topic, an event older than one already applied for the same
 * entity: telemetry of a tool, a reading of an asset and quantity, a consumer's draw, a consumer's
 * budget (by {@code issuedAt}), a health report observed before the accelerator's install, a job's
 * cancellation stamped before its submission. Wafer-outs, capacity requests, allocations and
 * removals name each entity once, so they carry no out-of-order event (a repeat is
 * {@code not-allowed}). Each consumer documents its rule in its class comment.
 *
 * <p>After the abuse, one good probe per topic proves every channel still consumes, and every
 * service still answers ready.
 */
class IngestAbuseIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = "abuse-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Instant EPOCH = Instant.parse("2027-01-01T00:00:00Z");
    private static final double SPEED = 60;
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String SKU = "TFA-1-bin1";
    private static final int RACK_SIZE = 72;
    /** chip-service's default yields: good dies that pass packaging, then final test. */
    private static final double PACKAGING_YIELD = 0.98;

    private static final double FINAL_TEST_YIELD = 0.97;

    private static final String FAB = "fab-service";
    private static final String CHIP = "chip-service";
    private static final String POWER = "power-service";
    private static final String SCHEDULER = "scheduler-service";
    private static final Channel TELEMETRY = new Channel(FAB, "tool-telemetry");
    private static final Channel FAB_BUDGET = new Channel(FAB, "power-budget");
    private static final Channel METERS = new Channel(POWER, "meter-readings");
    private static final Channel FAB_DRAW = new Channel(POWER, "fab-power-draw");
    private static final Channel DC_DRAW = new Channel(POWER, "dc-power-draw");
    private static final Channel WAFER_OUTS = new Channel(CHIP, "wafer-outs");
    private static final Channel CAPACITY = new Channel(CHIP, "capacity-requests");
    private static final Channel HEALTH = new Channel(CHIP, "accelerator-health");
    private static final Channel ALLOCATIONS = new Channel(SCHEDULER, "allocations");
    private static final Channel REMOVALS = new Channel(SCHEDULER, "removals");
    private static final Channel DC_BUDGET = new Channel(SCHEDULER, "power-budget");
    private static final Channel JOBS = new Channel(SCHEDULER, "job-requests");

    /** Every topic the services read: the integrators' and the services' own. */
    private static final List<String> INPUTS = List.of(
            Topics.SENSOR_TOOL_TELEMETRY,
            Topics.SENSOR_METER_READINGS,
            Topics.FAB_POWER_DRAW,
            Topics.DC_POWER_DRAW,
            Topics.POWER_BUDGET,
            Topics.FAB_WAFER_OUTS,
            Topics.CLUSTER_CAPACITY_REQUESTS,
            Topics.SENSOR_ACCELERATOR_HEALTH,
            Topics.CHIPS_ALLOCATIONS,
            Topics.CHIPS_REMOVALS,
            Topics.JOBS_REQUESTS);

    private static final Map<String, ServiceProcess> SERVICES = new LinkedHashMap<>();
    private static final Instant ANCHOR = Instant.now();
    private static KafkaCompanion kafka;

    private final IngestLedger ledger = new IngestLedger(RUN);

    // ---- the campus ----------------------------------------------------------------------------

    private static String in(String topic) {
        return RUN + "." + topic;
    }

    private static String out(String topic) {
        return RUN + ".out." + topic;
    }

    @BeforeAll
    static void startCampus() {
        String bootstrap = TestKafkaBroker.bootstrapServers();
        kafka = new KafkaCompanion(bootstrap);
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String topic : INPUTS) {
            topics.put(in(topic), 1);
            topics.put(Topics.deadLetters(in(topic)), 1);
        }
        kafka.topics().create(topics);

        Map<String, String> fab = campus(FAB);
        fab.put("mp.messaging.incoming.tool-telemetry.topic", in(Topics.SENSOR_TOOL_TELEMETRY));
        fab.put("mp.messaging.incoming.power-budget.topic", in(Topics.POWER_BUDGET));
        fab.put("mp.messaging.outgoing.wafer-outs.topic", out(Topics.FAB_WAFER_OUTS));
        fab.put("mp.messaging.outgoing.power-draw.topic", out(Topics.FAB_POWER_DRAW));

        Map<String, String> chip = campus(CHIP);
        chip.put("mp.messaging.incoming.wafer-outs.topic", in(Topics.FAB_WAFER_OUTS));
        chip.put("mp.messaging.incoming.capacity-requests.topic", in(Topics.CLUSTER_CAPACITY_REQUESTS));
        chip.put("mp.messaging.incoming.accelerator-health.topic", in(Topics.SENSOR_ACCELERATOR_HEALTH));
        chip.put("mp.messaging.outgoing.allocations.topic", out(Topics.CHIPS_ALLOCATIONS));
        chip.put("mp.messaging.outgoing.removals.topic", out(Topics.CHIPS_REMOVALS));
        chip.put("mp.messaging.outgoing.inventory.topic", out(Topics.CHIPS_INVENTORY));
        chip.put("chip.install.lead-time", "1m"); // a reserved rack is installed about a wall second later

        Map<String, String> power = campus(POWER);
        power.put("mp.messaging.incoming.meter-readings.topic", in(Topics.SENSOR_METER_READINGS));
        power.put("mp.messaging.incoming.fab-power-draw.topic", in(Topics.FAB_POWER_DRAW));
        power.put("mp.messaging.incoming.dc-power-draw.topic", in(Topics.DC_POWER_DRAW));
        power.put("mp.messaging.outgoing.budgets.topic", out(Topics.POWER_BUDGET));
        power.put("mp.messaging.outgoing.grid-state.topic", out(Topics.POWER_GRID_STATE));

        Map<String, String> scheduler = campus(SCHEDULER);
        scheduler.put("mp.messaging.incoming.allocations.topic", in(Topics.CHIPS_ALLOCATIONS));
        scheduler.put("mp.messaging.incoming.removals.topic", in(Topics.CHIPS_REMOVALS));
        scheduler.put("mp.messaging.incoming.power-budget.topic", in(Topics.POWER_BUDGET));
        scheduler.put("mp.messaging.incoming.job-requests.topic", in(Topics.JOBS_REQUESTS));
        scheduler.put("mp.messaging.outgoing.power-draw.topic", out(Topics.DC_POWER_DRAW));
        scheduler.put("mp.messaging.outgoing.capacity-requests.topic", out(Topics.CLUSTER_CAPACITY_REQUESTS));
        scheduler.put("mp.messaging.outgoing.job-events.topic", out(Topics.JOBS_EVENTS));
        scheduler.put("mp.messaging.outgoing.job-submissions.topic", out(Topics.JOBS_REQUESTS));
        scheduler.put("scheduler.workload.enabled", "false");

        for (var service :
                Map.of(FAB, fab, CHIP, chip, POWER, power, SCHEDULER, scheduler).entrySet()) {
            SERVICES.put(
                    service.getKey(),
                    ServiceProcess.of(service.getKey(), bootstrap, service.getValue())
                            .start());
        }
        SERVICES.values().forEach(s -> s.awaitReady(Duration.ofSeconds(180)));
    }

    /** One clock for the four (as deploy/twin gives them), this run's consumer groups and snapshot keys. */
    private static Map<String, String> campus(String service) {
        Map<String, String> props = new HashMap<>();
        props.put("twin.clock.epoch", EPOCH.toString());
        props.put("twin.clock.anchor", ANCHOR.toString());
        props.put("twin.clock.speed", String.valueOf(SPEED));
        props.put("twin.tick.interval", "500ms");
        props.put("kafka.group.id", RUN + "-" + service);
        props.put("twin.state.instance-id", RUN + "-" + service);
        return props;
    }

    @AfterAll
    static void stopCampus() {
        SERVICES.values().forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The twin's simulated now, by the clock the services were given. */
    private static Instant simNow() {
        long wallMillis = Duration.between(ANCHOR, Instant.now()).toMillis();
        return EPOCH.plusMillis(Math.round(wallMillis * SPEED)).truncatedTo(ChronoUnit.SECONDS);
    }

    // ---- the test ------------------------------------------------------------------------------

    @Test
    void badEventsAreDeadLetteredOnceWithTheirReasonCountedExactlyAndTheTwinHoldsWhatTheGoodOnesDetermine()
            throws Exception {
        eventually().until(() -> get(FAB, "/fab").hasNonNull("simTime")); // tool reports need a running fab
        Map<String, MetricsScrape> before = eventually().until(IngestAbuseIT::scrapeAll, scrapes -> true);
        ConsumerTask<String, String> deadLetters = kafka.consume(String.class, String.class)
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(new LinkedHashSet<>(INPUTS.stream()
                        .map(topic -> Topics.deadLetters(in(topic)))
                        .toList()));
        try {
            Instant t = simNow();
            List<String> tools = toolsOfDistinctGroups(8);
            ToolStream telemetry = toolTelemetry(t, tools);
            MeterStream meters = meterReadings(t);
            DrawStream fabDraw = powerDraw(Topics.FAB_POWER_DRAW, FAB_DRAW, "fab", "dc", t);
            DrawStream dcDraw = powerDraw(Topics.DC_POWER_DRAW, DC_DRAW, "dc", "fab", t);
            budgets(t);
            LotStream lots = waferOuts(t);
            String request = capacityRequests(t);
            RackStream racks = allocations(t);
            JobStream jobs = jobRequests(t);
            sendUnsent();

            // events about installed accelerators follow the events that installed them
            List<String> installed =
                    eventually().until(() -> installedAccelerators("rack-00001"), ids -> ids.size() == RACK_SIZE);
            eventually()
                    .until(() -> get(SCHEDULER, "/cluster/racks").size()
                            == racks.installed().size());
            HealthStream health = acceleratorHealth(installed);
            String removed = removals(racks, t);
            sendUnsent();

            // every record was taken by every consumer of its topic, then nothing more came
            eventually().untilAsserted(() -> assertEveryRecordTaken(before, false));
            eventually().untilAsserted(() -> assertCounters(before, false));
            eventually().untilAsserted(() -> assertDeadLetters(deadLetters));

            // No later event can repair a state a bad event spoiled (the probes come after these checks), so
            // waiting for the state below only waits out slow answers and the ticks that publish it.
            eventually().untilAsserted(() -> assertFabHoldsTheGoodTelemetryAndBudget(telemetry));
            eventually().untilAsserted(() -> assertGridHoldsTheGoodReadings(meters, fabDraw, dcDraw));
            eventually().untilAsserted(() -> assertInventoryHoldsTheGoodLotsRequestAndFailure(lots, request, health));
            eventually().untilAsserted(() -> assertClusterHoldsTheGoodRacksJobsAndBudget(racks, removed, jobs));

            // still consuming: one good probe per topic is applied, nothing else moves
            probes(tools.get(7), installed.get(3), racks);
            sendUnsent();
            eventually().untilAsserted(() -> assertEveryRecordTaken(before, true));
            eventually().untilAsserted(() -> assertCounters(before, true));
            eventually().during(Duration.ofSeconds(2)).untilAsserted(() -> assertDeadLetters(deadLetters));
            for (String service : SERVICES.keySet()) {
                HttpResponse<String> ready = SERVICES.get(service).get("/q/health/ready");
                assertThat(ready.statusCode())
                        .as("%s ready: %s", service, ready.body())
                        .isEqualTo(200);
                assertThat(JSON.readTree(ready.body()).path("status").asText())
                        .as(service)
                        .isEqualTo("UP");
            }
        } finally {
            deadLetters.close();
        }
    }

    /**
     * Waits for a condition, polling. On this shared 2-core machine a service may answer slower than
     * the launcher's HTTP timeout now and then: a timed-out read is retried, not a failure.
     */
    private static ConditionFactory eventually() {
        return await().atMost(WITHIN)
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptionsInstanceOf(IOException.class);
    }

    private void sendUnsent() {
        List<ProducerRecord<String, String>> records = ledger.takeUnsent();
        System.out.printf("[abuse-it] %s: sending %d records%n", RUN, records.size());
        kafka.produce(String.class, String.class).fromRecords(records).awaitCompletion(Duration.ofSeconds(30));
    }

    // ---- sensor.tool-telemetry → fab-service ----------------------------------------------------

    /** Tools held down (with the state they are held in), tools not held, and a tool the fab does not have. */
    record ToolStream(Map<String, String> heldDown, List<String> notHeld, String unknown) {}

    private ToolStream toolTelemetry(Instant t, List<String> tools) {
        String down = tools.get(0);
        String pm = tools.get(1);
        String downThenUp = tools.get(2);
        String confirmed = tools.get(3);
        String outOfLimits = tools.get(4);
        String badState = tools.get(5);
        String badReading = tools.get(6);
        String unknown = RUN + "-no-such-group.1";
        TopicStream s = ledger.topic(in(Topics.SENSOR_TOOL_TELEMETRY), TELEMETRY);
        String type = EventTypes.TOOL_TELEMETRY_REPORTED;

        Sent downReport = s.good(down, type, t, state(down, "DOWN", t.minus(minutes(10))));
        Sent pmReport = s.good(pm, type, t, state(pm, "PM", t.minus(minutes(10))));
        s.good(downThenUp, type, t, state(downThenUp, "DOWN", t.minus(minutes(12))));
        s.good(downThenUp, type, t, state(downThenUp, "UP", t.minus(minutes(11))));
        s.good(confirmed, type, t, reading(confirmed, 50, 20, 80, t.minus(minutes(10))));
        s.good(outOfLimits, type, t, reading(outOfLimits, 95, 20, 80, t.minus(minutes(10))));

        s.bad("out-of-order", down, type, t, state(down, "UP", t.minus(minutes(15))));
        s.bad("out-of-order", confirmed, type, t, state(confirmed, "DOWN", t.minus(minutes(15))));
        s.bad("unknown-entity", unknown, type, t, state(unknown, "DOWN", t));
        s.bad("invalid-payload", badState, type, t, state(badState, "BROKEN", t));
        s.bad("invalid-payload", badReading, type, t, reading(badReading, 95, 80, 20, t));
        s.bad("invalid-payload", badState, type, t, json("toolId", badState, "state", List.of("DOWN"), "at", t));
        s.malformations(badState, type, t, state(badState, "DOWN", t));
        s.reusedId(downReport, state(down, "UP", t.minus(minutes(5))));
        s.replay(pmReport);
        return new ToolStream(
                Map.of(down, "unscheduled_down", pm, "scheduled_down", outOfLimits, "unscheduled_down"),
                List.of(downThenUp, confirmed, badState, badReading),
                unknown);
    }

    private static String state(String tool, String state, Instant at) {
        return json("toolId", tool, "state", state, "at", at);
    }

    private static String reading(String tool, double value, double min, double max, Instant at) {
        return json(
                "toolId",
                tool,
                "reading",
                Map.of("quantity", "chamber-temperature", "value", value, "min", min, "max", max),
                "at",
                at);
    }

    private void assertFabHoldsTheGoodTelemetryAndBudget(ToolStream tools) throws IOException {
        for (var held : tools.heldDown().entrySet()) {
            JsonNode view = get(FAB, "/fab/tools/" + held.getKey());
            assertThat(view.path("overridden").asBoolean())
                    .as("%s is held by its good report", held.getKey())
                    .isTrue();
            assertThat(view.path("state").asText()).as(held.getKey()).isEqualTo(held.getValue());
        }
        for (String tool : tools.notHeld()) {
            assertThat(get(FAB, "/fab/tools/" + tool).path("overridden").asBoolean())
                    .as("%s is not held: no good event holds it", tool)
                    .isFalse();
        }
        assertThat(status(FAB, "/fab/tools/" + tools.unknown()))
                .as("an unknown tool stays unknown")
                .isEqualTo(404);
        assertThat(get(FAB, "/fab").path("budgetMw").asDouble())
                .as("the fab's budget")
                .isEqualTo(FAB_CAP_MW);
    }

    // ---- sensor.meter-readings, fab.power-draw, dc.power-draw → power-service ------------------

    /** The good readings, as {@code meterId asset value at}, the breakers they leave open and the import limit. */
    record MeterStream(Set<String> applied, List<String> openBreakers, double importLimitMw) {}

    private MeterStream meterReadings(Instant t) {
        TopicStream s = ledger.topic(in(Topics.SENSOR_METER_READINGS), METERS);
        String type = EventTypes.METER_READING_REPORTED;
        Set<String> applied = new LinkedHashSet<>();
        String gridMeter = RUN + "-meter-grid";
        s.good(gridMeter, type, t, meter(gridMeter, "grid", "grid-import-limit", 450, t.minus(minutes(30)), applied));
        Sent latestLimit = s.good(
                gridMeter, type, t, meter(gridMeter, "grid", "grid-import-limit", 420, t.minus(minutes(20)), applied));
        Sent breaker = s.good(
                RUN + "-meter-gt-1",
                type,
                t,
                meter(RUN + "-meter-gt-1", "gt-1", "breaker", 0, t.minus(minutes(20)), applied));
        s.good(
                RUN + "-meter-bess-1",
                type,
                t,
                meter(RUN + "-meter-bess-1", "bess-1", "battery-soc", 0.6, t.minus(minutes(20)), applied));
        s.good(
                RUN + "-meter-solar-1",
                type,
                t,
                meter(RUN + "-meter-solar-1", "solar-1", "solar-output", 30, t.minus(minutes(20)), applied));

        s.bad(
                "out-of-order",
                gridMeter,
                type,
                t,
                meter(gridMeter, "grid", "grid-import-limit", 100, t.minus(minutes(25)), null));
        s.bad(
                "unknown-entity",
                RUN + "-meter-gt-99",
                type,
                t,
                meter(RUN + "-meter-gt-99", "gt-99", "breaker", 0, t, null));
        s.bad(
                "invalid-payload",
                RUN + "-meter-bess-1",
                type,
                t,
                meter(RUN + "-meter-bess-1", "bess-1", "battery-soc", 0.95, t, null)); // above the battery's 0.9
        s.bad(
                "invalid-payload",
                RUN + "-meter-bess-1",
                type,
                t,
                meter(RUN + "-meter-bess-1", "bess-1", "battery-soc", 1.5, t, null)); // not a fraction
        s.bad(
                "invalid-payload",
                RUN + "-meter-solar-1",
                type,
                t,
                meter(RUN + "-meter-solar-1", "solar-1", "solar-output", 5000, t, null)); // above its nameplate
        s.bad(
                "invalid-payload",
                RUN + "-meter-gt-2",
                type,
                t,
                meter(RUN + "-meter-gt-2", "gt-2", "breaker", 0.5, t, null));
        s.bad(
                "invalid-payload",
                RUN + "-meter-gt-2",
                type,
                t,
                json("meterId", RUN + "-meter-gt-2", "asset", "gt-2", "quantity", "breaker", "value", "open", "at", t));
        s.malformations(RUN + "-meter-gt-2", type, t, meter(RUN + "-meter-gt-2", "gt-2", "breaker", 0, t, null));
        s.reusedId(latestLimit, meter(gridMeter, "grid", "grid-import-limit", 10, t.minus(minutes(15)), null));
        s.replay(breaker);
        return new MeterStream(applied, List.of("gt-1"), 420);
    }

    private static String meter(
            String meterId, String asset, String quantity, double value, Instant at, Set<String> applied) {
        if (applied != null) {
            applied.add(meterId + " " + asset + " " + value + " " + at);
        }
        return json("meterId", meterId, "asset", asset, "quantity", quantity, "value", value, "at", at);
    }

    /** A consumer's latest good draw. */
    record DrawStream(String consumer, double demandMw, double drawMw, Instant at) {}

    private DrawStream powerDraw(String topic, Channel channel, String consumer, String otherConsumer, Instant t) {
        TopicStream s = ledger.topic(in(topic), channel);
        String type = consumer.equals("fab") ? EventTypes.FAB_POWER_DRAW_REPORTED : EventTypes.DC_POWER_DRAW_REPORTED;
        Sent first = s.good(consumer, type, t, draw(consumer, 150, 140, t.minus(minutes(10))));
        Sent latest = s.good(consumer, type, t, draw(consumer, 160, 150, t.minus(minutes(5))));

        s.bad("out-of-order", consumer, type, t, draw(consumer, 999, 999, t.minus(minutes(8))));
        s.bad("not-allowed", otherConsumer, type, t, draw(otherConsumer, 999, 999, t)); // the other consumer's topic
        s.bad("invalid-payload", consumer, type, t, draw(consumer, -5, 0, t));
        s.bad(
                "invalid-payload",
                consumer,
                type,
                t,
                json("consumer", consumer, "demandMw", "lots", "drawMw", 1, "at", t));
        s.malformations(consumer, type, t, draw(consumer, 999, 999, t));
        s.reusedId(first, draw(consumer, 999, 999, t.minus(minutes(1))));
        s.replay(latest);
        return new DrawStream(consumer, 160, 150, t.minus(minutes(5)));
    }

    private static String draw(String consumer, double demandMw, double drawMw, Instant at) {
        return json("consumer", consumer, "demandMw", demandMw, "drawMw", drawMw, "at", at);
    }

    private void assertGridHoldsTheGoodReadings(MeterStream meters, DrawStream... draws) throws IOException {
        JsonNode view = get(POWER, "/grid/meters");
        assertThat(view.path("pending")).as("nothing left waiting").isEmpty();
        Set<String> applied = new LinkedHashSet<>();
        for (JsonNode a : view.path("applied")) {
            JsonNode r = a.path("reading");
            applied.add(r.path("meterId").asText() + " " + r.path("asset").asText() + " "
                    + r.path("value").asDouble() + " "
                    + Instant.parse(r.path("at").asText()));
        }
        assertThat(applied)
                .as("the readings applied are the good ones")
                .containsExactlyInAnyOrderElementsOf(meters.applied());
        assertThat(view.path("openBreakers"))
                .extracting(JsonNode::asText)
                .containsExactlyElementsOf(meters.openBreakers());
        JsonNode grid = get(POWER, "/grid");
        assertThat(grid.path("importCapMw").asDouble()).isEqualTo(meters.importLimitMw());
        for (DrawStream d : draws) {
            JsonNode c = grid.path("consumers").path(d.consumer());
            assertThat(Instant.parse(c.path("lastReadingAt").asText()))
                    .as(d.consumer())
                    .isEqualTo(d.at());
            assertThat(c.path("demandMw").asDouble()).as(d.consumer()).isEqualTo(d.demandMw());
            assertThat(c.path("drawMw").asDouble()).as(d.consumer()).isEqualTo(d.drawMw());
        }
    }

    // ---- power.budget → fab-service and scheduler-service ---------------------------------------

    private static final double FAB_CAP_MW = 480;
    private static final double DC_CAP_MW = 60;

    private void budgets(Instant t) {
        TopicStream s = ledger.topic(in(Topics.POWER_BUDGET), FAB_BUDGET, DC_BUDGET);
        String type = EventTypes.BUDGET_ISSUED;
        Map<Channel, Fate> onlyFabRejects = new HashMap<>();
        Map<Channel, Fate> onlyDcRejects = new HashMap<>();
        Sent fab = s.good("fab", type, t.minus(minutes(10)), budget("fab", FAB_CAP_MW, t.minus(minutes(10))));
        Sent dc = s.good("dc", type, t.minus(minutes(10)), budget("dc", DC_CAP_MW, t.minus(minutes(10))));
        s.good(
                "cooling",
                type,
                t,
                budget("cooling", 5, t)); // another consumer's: each service applies it as not its own

        s.event(
                judgedBy(FAB_BUDGET, "out-of-order"),
                "fab",
                type,
                t.minus(minutes(20)),
                budget("fab", 1, t.minus(minutes(20))));
        s.event(
                judgedBy(DC_BUDGET, "out-of-order"),
                "dc",
                type,
                t.minus(minutes(20)),
                budget("dc", 1, t.minus(minutes(20))));
        s.event(judgedBy(FAB_BUDGET, "invalid-payload"), "fab", type, t, budget("fab", -1, t));
        s.event(judgedBy(DC_BUDGET, "invalid-payload"), "dc", type, t, budget("dc", -1, t));
        s.event(
                judgedBy(FAB_BUDGET, "invalid-payload"),
                "fab",
                type,
                t,
                json(
                        "consumer",
                        "fab",
                        "capMw",
                        2,
                        "demandMw",
                        2,
                        "curtailed",
                        false,
                        "issuedAt",
                        t,
                        "validUntil",
                        t.minus(minutes(1)))); // valid until before issued
        s.event(
                judgedBy(FAB_BUDGET, "invalid-payload"),
                "fab",
                type,
                t,
                json(
                        "consumer",
                        "fab",
                        "capMw",
                        "lots",
                        "demandMw",
                        2,
                        "curtailed",
                        false,
                        "issuedAt",
                        t,
                        "validUntil",
                        t.plus(minutes(5))));
        s.bad(
                "invalid-payload",
                "fab",
                type,
                t,
                json(
                        "capMw",
                        2,
                        "demandMw",
                        2,
                        "curtailed",
                        false,
                        "issuedAt",
                        t,
                        "validUntil",
                        t.plus(minutes(5)))); // names no consumer: nobody's, refused by both
        s.malformations("fab", type, t, budget("fab", 1, t));
        s.reusedId(fab, budget("fab", 2, t.minus(minutes(5))));
        s.replay(dc);
    }

    /** Fates of a budget that only the named consumer judges (refuses); the other applies it as not its own. */
    private static Map<Channel, Fate> judgedBy(Channel judge, String reason) {
        Map<Channel, Fate> fates = new HashMap<>();
        fates.put(FAB_BUDGET, judge.equals(FAB_BUDGET) ? Fate.rejected(reason) : Fate.APPLIED);
        fates.put(DC_BUDGET, judge.equals(DC_BUDGET) ? Fate.rejected(reason) : Fate.APPLIED);
        return fates;
    }

    private static String budget(String consumer, double capMw, Instant issuedAt) {
        return json(
                "consumer",
                consumer,
                "capMw",
                capMw,
                "demandMw",
                capMw,
                "curtailed",
                false,
                "issuedAt",
                issuedAt,
                "validUntil",
                issuedAt.plus(Duration.ofHours(1)));
    }

    // ---- fab.wafer-outs, cluster.capacity-requests, sensor.accelerator-health → chip-service ----

    /** The good lots' good dies per bin, and lots only bad events named. */
    record LotStream(Map<String, Map<String, Integer>> good, List<String> unknown) {}

    private LotStream waferOuts(Instant t) {
        TopicStream s = ledger.topic(in(Topics.FAB_WAFER_OUTS), WAFER_OUTS);
        String type = EventTypes.WAFER_OUT_RECORDED;
        Map<String, Map<String, Integer>> good = new LinkedHashMap<>();
        String l1 = lot(1);
        String l2 = lot(2);
        String l3 = lot(3);
        good.put(l1, Map.of("bin1", 100, "bin2", 40));
        good.put(l2, Map.of("bin1", 200));
        good.put(l3, Map.of("bin3", 60));
        Sent first = s.good(l1, type, t, waferOut(l1, "TFA-1", 25, good.get(l1), t));
        Sent second = s.good(l2, type, t, waferOut(l2, "TFA-1", 25, good.get(l2), t));
        s.good(null, type, t, waferOut(l3, "TFA-1", 25, good.get(l3), t)); // no key: the payload names the lot

        s.bad("not-allowed", l1, type, t, waferOut(l1, "TFA-1", 25, Map.of("bin1", 999), t)); // recorded already
        s.bad("unknown-entity", lot(4), type, t, waferOut(lot(4), "XYZ-9", 25, Map.of("bin1", 10), t));
        s.bad("unknown-entity", lot(5), type, t, waferOut(lot(5), "TFA-1", 25, Map.of("bin9", 10), t));
        s.bad("invalid-payload", lot(6), type, t, waferOut(lot(6), "TFA-1", 0, Map.of("bin1", 10), t));
        s.bad("invalid-payload", lot(7), type, t, waferOut(lot(7), "TFA-1", 25, Map.of("bin1", -10), t));
        s.bad(
                "invalid-payload",
                lot(8),
                type,
                t,
                json(
                        "lotId",
                        lot(8),
                        "product",
                        "TFA-1",
                        "wafers",
                        25,
                        "goodDiesByBin",
                        Map.of("bin1", 10),
                        "startedAt",
                        t,
                        "finishedAt",
                        t.minus(Duration.ofDays(1))));
        s.bad(
                "invalid-payload",
                lot(9),
                type,
                t,
                json(
                        "lotId",
                        lot(9),
                        "product",
                        "TFA-1",
                        "wafers",
                        "many",
                        "goodDiesByBin",
                        Map.of("bin1", 10),
                        "startedAt",
                        t.minus(Duration.ofDays(40)),
                        "finishedAt",
                        t));
        s.malformations(lot(10), type, t, waferOut(lot(10), "TFA-1", 25, Map.of("bin1", 10), t));
        s.reusedId(first, waferOut(lot(11), "TFA-1", 25, Map.of("bin1", 10), t));
        s.replay(second);
        return new LotStream(good, List.of(lot(4), lot(5), lot(6), lot(7), lot(8), lot(9), lot(10), lot(11)));
    }

    private static String lot(int n) {
        return RUN + "-LOT-" + n;
    }

    private static String waferOut(String lot, String product, int wafers, Map<String, Integer> dies, Instant t) {
        return json(
                "lotId",
                lot,
                "product",
                product,
                "wafers",
                wafers,
                "goodDiesByBin",
                dies,
                "startedAt",
                t.minus(Duration.ofDays(40)),
                "finishedAt",
                t);
    }

    /** The good request (a rack's worth) and requests only bad events named. */
    private String capacityRequests(Instant t) {
        TopicStream s = ledger.topic(in(Topics.CLUSTER_CAPACITY_REQUESTS), CAPACITY);
        String type = EventTypes.CAPACITY_REQUESTED;
        String good = RUN + "-req-1";
        Sent request = s.good(good, type, t, capacity(good, RACK_SIZE, SKU));

        s.bad("not-allowed", good, type, t, capacity(good, 1, SKU)); // received already
        s.bad("unknown-entity", RUN + "-req-2", type, t, capacity(RUN + "-req-2", 8, "TFA-9-bin1"));
        s.bad("invalid-payload", RUN + "-req-3", type, t, capacity(RUN + "-req-3", 0, SKU));
        s.bad(
                "invalid-payload",
                RUN + "-req-3",
                type,
                t,
                json("requestId", RUN + "-req-3", "accelerators", "many", "sku", SKU, "priority", 1));
        s.malformations(RUN + "-req-5", type, t, capacity(RUN + "-req-5", 8, SKU));
        s.reusedId(request, capacity(RUN + "-req-4", 8, SKU));
        s.replay(request);
        return good;
    }

    private static String capacity(String request, Object accelerators, String sku) {
        return json("requestId", request, "accelerators", accelerators, "sku", sku, "priority", 1);
    }

    /** The accelerator the good failure report names, and the installed ones only healthy or bad reports named. */
    record HealthStream(String failed, String reason, List<String> stillInstalled) {}

    private HealthStream acceleratorHealth(List<String> installed) throws IOException {
        String failed = installed.get(0);
        String healthy = installed.get(1);
        String early = installed.get(2);
        Instant installedAt = Instant.parse(get(CHIP, "/inventory/accelerators/" + failed)
                .path("installedAt")
                .asText());
        Instant t = installedAt.plus(minutes(1));
        TopicStream s = ledger.topic(in(Topics.SENSOR_ACCELERATOR_HEALTH), HEALTH);
        String type = EventTypes.ACCELERATOR_HEALTH_REPORTED;
        Sent failure = s.good(failed, type, t, health(failed, "rack-00001", "failed", "XID 79", t));
        Sent fine = s.good(healthy, type, t, health(healthy, "rack-00001", "healthy", null, t));

        s.bad("not-allowed", failed, type, t, health(failed, "rack-00001", "failed", "again", t)); // failed already
        s.bad("unknown-entity", SKU + "-99999999", type, t, health(SKU + "-99999999", "rack-00001", "failed", "x", t));
        s.bad("unknown-entity", healthy, type, t, health(healthy, "rack-00099", "failed", "x", t)); // not its rack
        s.bad(
                "out-of-order",
                early,
                type,
                t,
                health(early, "rack-00001", "failed", "x", installedAt.minus(minutes(10))));
        s.bad("invalid-payload", early, type, t, health(early, "rack-00001", "dead", "x", t));
        s.bad(
                "invalid-payload",
                early,
                type,
                t,
                json(
                        "acceleratorId",
                        early,
                        "rackId",
                        "rack-00001",
                        "status",
                        "failed",
                        "reason",
                        "x",
                        "observedAt",
                        Map.of("at", t.toString())));
        s.malformations(early, type, t, health(early, "rack-00001", "failed", "x", t));
        s.reusedId(fine, health(early, "rack-00001", "failed", "x", t));
        s.replay(fine);
        return new HealthStream(failed, "XID 79", List.of(healthy, early));
    }

    private static String health(String accelerator, String rack, String status, String reason, Instant at) {
        return json("acceleratorId", accelerator, "rackId", rack, "status", status, "reason", reason, "observedAt", at);
    }

    private List<String> installedAccelerators(String rack) throws IOException {
        HttpResponse<String> response = SERVICES.get(CHIP).get("/inventory/racks/" + rack);
        if (response.statusCode() == 404) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode slice : JSON.readTree(response.body()).path("slices")) {
            for (long serial = slice.path("firstSerial").asLong(), n = 0;
                    n < slice.path("count").asInt();
                    n++, serial++) {
                ids.add("%s-%08d".formatted(slice.path("sku").asText(), serial));
            }
        }
        return ids;
    }

    private void assertInventoryHoldsTheGoodLotsRequestAndFailure(LotStream lots, String request, HealthStream health)
            throws IOException {
        JsonNode inventory = get(CHIP, "/inventory");
        assertThat(inventory.path("lotsRecorded").asLong())
                .isEqualTo(lots.good().size());
        assertThat(inventory.path("conserved").asBoolean()).isTrue();
        Map<String, Long> produced = new TreeMap<>();
        lots.good()
                .forEach((lot, dies) -> dies.forEach((bin, n) -> produced.merge("TFA-1-" + bin, chips(n), Long::sum)));
        for (var sku : inventory.path("skus").properties()) {
            assertThat(sku.getValue().path("produced").asLong())
                    .as("%s produced", sku.getKey())
                    .isEqualTo(produced.getOrDefault(sku.getKey(), 0L));
        }
        for (var lot : lots.good().entrySet()) {
            Map<String, Long> chips = new TreeMap<>();
            lot.getValue().forEach((bin, n) -> chips.put("TFA-1-" + bin, chips(n)));
            assertThat(JSON.convertValue(get(CHIP, "/inventory/lots/" + lot.getKey()), CHIPS_PER_SKU))
                    .as(lot.getKey())
                    .isEqualTo(chips);
        }
        for (String lot : lots.unknown()) {
            assertThat(status(CHIP, "/inventory/lots/" + lot))
                    .as("%s was not recorded", lot)
                    .isEqualTo(404);
        }
        JsonNode good = get(CHIP, "/inventory/requests/" + request);
        assertThat(good.path("requested").asLong()).isEqualTo(RACK_SIZE);
        assertThat(good.path("sku").asText()).isEqualTo(SKU);
        for (int n = 2; n <= 5; n++) {
            assertThat(status(CHIP, "/inventory/requests/" + RUN + "-req-" + n))
                    .as("request %d", n)
                    .isEqualTo(404);
        }
        JsonNode bin1 = inventory.path("skus").path(SKU);
        assertThat(bin1.path("reserved").asLong()
                        + bin1.path("installed").asLong()
                        + bin1.path("failed").asLong())
                .as("the good request alone took chips")
                .isEqualTo(RACK_SIZE);
        assertThat(bin1.path("failed").asLong()).as("one good failure report").isEqualTo(1);
        JsonNode failed = get(CHIP, "/inventory/accelerators/" + health.failed());
        assertThat(failed.path("state").asText()).isEqualTo("FAILED");
        assertThat(failed.path("failureReason").asText()).isEqualTo(health.reason());
        for (String id : health.stillInstalled()) {
            assertThat(get(CHIP, "/inventory/accelerators/" + id).path("state").asText())
                    .as(id)
                    .isEqualTo("INSTALLED");
        }
        assertThat(get(CHIP, "/inventory/accelerators/retired"))
                .extracting(a -> a.path("acceleratorId").asText())
                .containsExactly(health.failed());
    }

    private static final TypeReference<Map<String, Long>> CHIPS_PER_SKU = new TypeReference<>() {};

    /** Chips of a bin's good dies: packaging, then final test, each rounding down. */
    private static long chips(int goodDies) {
        long packaged = (long) Math.floor(goodDies * PACKAGING_YIELD + 1e-9);
        return (long) Math.floor(packaged * FINAL_TEST_YIELD + 1e-9);
    }

    // ---- chips.allocations, chips.removals, jobs.requests → scheduler-service -------------------

    /** The racks the good allocations install, with their accelerators. */
    record RackStream(Map<String, List<String>> installed) {}

    private RackStream allocations(Instant t) {
        TopicStream s = ledger.topic(in(Topics.CHIPS_ALLOCATIONS), ALLOCATIONS);
        String type = EventTypes.ACCELERATORS_ALLOCATED;
        Map<String, List<String>> racks = new LinkedHashMap<>();
        racks.put(RUN + "-rack-1", accelerators("a", 8));
        racks.put(RUN + "-rack-2", accelerators("b", 4));
        List<Sent> good = new ArrayList<>();
        racks.forEach((rack, ids) -> good.add(s.good(rack, type, t, allocation(rack, ids))));

        String rack3 = RUN + "-rack-3";
        s.bad(
                "not-allowed",
                rack3,
                type,
                t,
                allocation(
                        rack3,
                        List.of(
                                accelerators("c", 1).get(0),
                                racks.get(RUN + "-rack-1").get(0)))); // one of them is installed already
        String twice = RUN + "-acc-twice";
        s.bad("not-allowed", rack3, type, t, allocation(rack3, List.of(twice, twice)));
        s.bad("invalid-payload", rack3, type, t, allocation(rack3, List.of()));
        s.bad(
                "invalid-payload",
                rack3,
                type,
                t,
                json("requestId", RUN + "-req-1", "sku", SKU, "rackId", rack3, "acceleratorIds", "c-1,c-2"));
        s.malformations(rack3, type, t, allocation(rack3, accelerators("c", 2)));
        s.reusedId(good.get(0), allocation(RUN + "-rack-9", accelerators("d", 2)));
        s.replay(good.get(1));
        return new RackStream(racks);
    }

    private static List<String> accelerators(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(RUN + "-acc-" + prefix + "-" + i);
        }
        return ids;
    }

    private static String allocation(String rack, List<String> ids) {
        return json("requestId", RUN + "-req-1", "sku", SKU, "rackId", rack, "acceleratorIds", ids);
    }

    /** Sends the removal of one accelerator of the second rack (and bad ones); returns the removed accelerator. */
    private String removals(RackStream racks, Instant t) {
        TopicStream s = ledger.topic(in(Topics.CHIPS_REMOVALS), REMOVALS);
        String type = EventTypes.ACCELERATORS_REMOVED;
        String rack = RUN + "-rack-2";
        List<String> ids = racks.installed().get(rack);
        String removed = ids.get(ids.size() - 1);
        Sent removal = s.good(rack, type, t, removal(rack, List.of(removed), t));

        s.bad("unknown-entity", rack, type, t, removal(rack, accelerators("z", 1), t));
        s.bad("not-allowed", rack, type, t, removal(rack, List.of(removed), t)); // removed already
        s.bad("invalid-payload", rack, type, t, removal(rack, List.of(), t));
        s.bad(
                "invalid-payload",
                rack,
                type,
                t,
                json("rackId", rack, "sku", SKU, "acceleratorIds", 42, "reason", "x", "removedAt", t));
        s.malformations(rack, type, t, removal(rack, List.of(ids.get(0)), t));
        s.reusedId(removal, removal(rack, List.of(ids.get(1)), t));
        s.replay(removal);
        return removed;
    }

    private static String removal(String rack, List<String> ids, Instant t) {
        return json("rackId", rack, "sku", SKU, "acceleratorIds", ids, "reason", "XID 79", "removedAt", t);
    }

    /** The good submissions as the scheduler must show them, the one cancelled, and jobs only bad events named. */
    record JobStream(Map<String, Map<String, Object>> queued, String cancelled, List<String> unknown) {}

    private JobStream jobRequests(Instant t) {
        TopicStream s = ledger.topic(in(Topics.JOBS_REQUESTS), JOBS);
        String submitted = EventTypes.JOB_SUBMITTED;
        String cancellation = EventTypes.JOB_CANCELLATION_REQUESTED;
        Map<String, Map<String, Object>> queued = new LinkedHashMap<>();
        // Every gang is larger than the racks installed, so the jobs wait whatever the order of topics.
        String j1 = job(1);
        String j2 = job(2);
        String j3 = job(3);
        String j4 = job(4);
        Sent first = s.good(
                j1,
                submitted,
                t,
                json(
                        "jobId",
                        j1,
                        "tenant",
                        "research",
                        "kind",
                        "training",
                        "accelerators",
                        64,
                        "durationHours",
                        10,
                        "priority",
                        1));
        queued.put(
                j1,
                Map.of(
                        "tenant",
                        "research",
                        "kind",
                        "training",
                        "accelerators",
                        64,
                        "priorityClass",
                        "normal",
                        "preemptible",
                        true));
        Sent second = s.good(
                j2,
                submitted,
                t,
                json(
                        "jobId",
                        j2,
                        "tenant",
                        "product",
                        "kind",
                        "inference",
                        "accelerators",
                        128,
                        "durationHours",
                        2,
                        "priorityClass",
                        "high",
                        "preemptible",
                        false));
        queued.put(
                j2,
                Map.of(
                        "tenant",
                        "product",
                        "kind",
                        "inference",
                        "accelerators",
                        128,
                        "priorityClass",
                        "high",
                        "preemptible",
                        false));
        s.good(
                j3,
                submitted,
                t,
                json(
                        "jobId",
                        j3,
                        "tenant",
                        "research",
                        "kind",
                        "training",
                        "accelerators",
                        64,
                        "durationHours",
                        5,
                        "priority",
                        0));
        s.good(j3, cancellation, t.plus(minutes(1)), json("jobId", j3, "reason", "not needed"));
        s.good(
                null,
                submitted,
                t,
                json(
                        "jobId",
                        j4,
                        "tenant",
                        "inference",
                        "kind",
                        "inference",
                        "accelerators",
                        256,
                        "durationHours",
                        1,
                        "priorityClass",
                        "critical")); // no key: the payload names the job
        queued.put(
                j4,
                Map.of(
                        "tenant",
                        "inference",
                        "kind",
                        "inference",
                        "accelerators",
                        256,
                        "priorityClass",
                        "critical",
                        "preemptible",
                        false));

        s.bad(
                "not-allowed",
                j1,
                submitted,
                t,
                json(
                        "jobId",
                        j1,
                        "tenant",
                        "other",
                        "kind",
                        "inference",
                        "accelerators",
                        512,
                        "durationHours",
                        1,
                        "priority",
                        0)); // submitted already
        s.bad("out-of-order", j2, cancellation, t.minus(Duration.ofHours(1)), json("jobId", j2, "reason", "stale"));
        s.bad("unknown-entity", job(5), cancellation, t, json("jobId", job(5), "reason", "never submitted"));
        s.bad(
                "invalid-payload",
                job(6),
                submitted,
                t,
                json(
                        "jobId",
                        job(6),
                        "tenant",
                        "research",
                        "kind",
                        "training",
                        "accelerators",
                        0,
                        "durationHours",
                        1,
                        "priority",
                        0));
        s.bad(
                "invalid-payload",
                job(7),
                submitted,
                t,
                json(
                        "jobId",
                        job(7),
                        "tenant",
                        "research",
                        "kind",
                        "quantum",
                        "accelerators",
                        8,
                        "durationHours",
                        1,
                        "priority",
                        0));
        s.bad(
                "invalid-payload",
                job(8),
                submitted,
                t,
                json(
                        "jobId",
                        job(8),
                        "tenant",
                        "research",
                        "kind",
                        "training",
                        "accelerators",
                        8,
                        "durationHours",
                        1,
                        "priorityClass",
                        "urgent"));
        s.bad(
                "invalid-payload",
                job(9),
                submitted,
                t,
                json(
                        "jobId",
                        job(9),
                        "tenant",
                        "research",
                        "kind",
                        "training",
                        "accelerators",
                        10_000_000,
                        "durationHours",
                        1,
                        "priority",
                        0)); // larger than any gang the cluster runs
        s.bad(
                "invalid-payload",
                job(10),
                submitted,
                t,
                json(
                        "jobId",
                        job(10),
                        "tenant",
                        "research",
                        "kind",
                        "training",
                        "accelerators",
                        "many",
                        "durationHours",
                        1,
                        "priority",
                        0));
        s.malformations(
                job(11),
                submitted,
                t,
                json(
                        "jobId",
                        job(11),
                        "tenant",
                        "research",
                        "kind",
                        "training",
                        "accelerators",
                        8,
                        "durationHours",
                        1,
                        "priority",
                        0));
        s.reusedId(
                first,
                json(
                        "jobId",
                        job(12),
                        "tenant",
                        "research",
                        "kind",
                        "training",
                        "accelerators",
                        8,
                        "durationHours",
                        1,
                        "priority",
                        0));
        s.replay(second);
        List<String> unknown = new ArrayList<>();
        for (int n = 5; n <= 12; n++) {
            unknown.add(job(n));
        }
        return new JobStream(queued, j3, unknown);
    }

    private static String job(int n) {
        return RUN + "-job-" + n;
    }

    private void assertClusterHoldsTheGoodRacksJobsAndBudget(RackStream racks, String removed, JobStream jobs)
            throws IOException {
        Map<String, Integer> expected = new LinkedHashMap<>();
        racks.installed().forEach((rack, ids) -> expected.put(rack, ids.size() - (ids.contains(removed) ? 1 : 0)));
        Map<String, Integer> actual = new LinkedHashMap<>();
        get(SCHEDULER, "/cluster/racks")
                .forEach(r -> actual.put(
                        r.path("rackId").asText(), r.path("installed").asInt()));
        assertThat(actual).as("racks and their accelerators").isEqualTo(expected);

        JsonNode cluster = get(SCHEDULER, "/cluster");
        assertThat(cluster.at("/accelerators/total").asInt())
                .isEqualTo(
                        expected.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(cluster.at("/jobs/accepted").asLong())
                .as("good submissions")
                .isEqualTo(jobs.queued().size() + 1);
        assertThat(cluster.at("/jobs/cancelled").asLong()).isEqualTo(1);
        assertThat(cluster.at("/power/budgetMw").asDouble())
                .as("the data center's budget")
                .isEqualTo(DC_CAP_MW);
        for (var job : jobs.queued().entrySet()) {
            JsonNode view = get(SCHEDULER, "/jobs/" + job.getKey());
            assertThat(view.path("state").asText()).as(job.getKey()).isEqualTo("queued");
            job.getValue()
                    .forEach((field, value) -> assertThat(JSON.convertValue(view.path(field), Object.class))
                            .as("%s %s", job.getKey(), field)
                            .isEqualTo(value));
        }
        assertThat(get(SCHEDULER, "/jobs/" + jobs.cancelled()).path("state").asText())
                .isEqualTo("cancelled");
        for (String job : jobs.unknown()) {
            assertThat(status(SCHEDULER, "/jobs/" + job))
                    .as("%s is unknown", job)
                    .isEqualTo(404);
        }
    }

    // ---- probes ----------------------------------------------------------------------------------

    private void probes(String tool, String accelerator, RackStream racks) {
        Instant t = simNow();
        ledger.topic(in(Topics.SENSOR_TOOL_TELEMETRY), TELEMETRY)
                .probe(tool, EventTypes.TOOL_TELEMETRY_REPORTED, t, reading(tool, 50, 20, 80, t));
        ledger.topic(in(Topics.SENSOR_METER_READINGS), METERS)
                .probe(
                        RUN + "-meter-gt-3",
                        EventTypes.METER_READING_REPORTED,
                        t,
                        meter(RUN + "-meter-gt-3", "gt-3", "breaker", 1, t, null));
        ledger.topic(in(Topics.FAB_POWER_DRAW), FAB_DRAW)
                .probe("fab", EventTypes.FAB_POWER_DRAW_REPORTED, t, draw("fab", 170, 165, t));
        ledger.topic(in(Topics.DC_POWER_DRAW), DC_DRAW)
                .probe("dc", EventTypes.DC_POWER_DRAW_REPORTED, t, draw("dc", 170, 165, t));
        ledger.topic(in(Topics.POWER_BUDGET), FAB_BUDGET, DC_BUDGET)
                .probe("cooling", EventTypes.BUDGET_ISSUED, t, budget("cooling", 5, t));
        ledger.topic(in(Topics.FAB_WAFER_OUTS), WAFER_OUTS)
                .probe(
                        lot(99),
                        EventTypes.WAFER_OUT_RECORDED,
                        t,
                        waferOut(lot(99), "TFA-1", 25, Map.of("bin2", 10), t));
        ledger.topic(in(Topics.CLUSTER_CAPACITY_REQUESTS), CAPACITY)
                .probe(RUN + "-req-99", EventTypes.CAPACITY_REQUESTED, t, capacity(RUN + "-req-99", 1, "TFA-1-bin2"));
        ledger.topic(in(Topics.SENSOR_ACCELERATOR_HEALTH), HEALTH)
                .probe(
                        accelerator,
                        EventTypes.ACCELERATOR_HEALTH_REPORTED,
                        t,
                        health(accelerator, "rack-00001", "healthy", null, t));
        String rack = RUN + "-rack-99";
        ledger.topic(in(Topics.CHIPS_ALLOCATIONS), ALLOCATIONS)
                .probe(rack, EventTypes.ACCELERATORS_ALLOCATED, t, allocation(rack, accelerators("p", 1)));
        String rack1 = RUN + "-rack-1";
        ledger.topic(in(Topics.CHIPS_REMOVALS), REMOVALS)
                .probe(
                        rack1,
                        EventTypes.ACCELERATORS_REMOVED,
                        t,
                        removal(rack1, List.of(racks.installed().get(rack1).get(7)), t));
        ledger.topic(in(Topics.JOBS_REQUESTS), JOBS)
                .probe(
                        job(99),
                        EventTypes.JOB_SUBMITTED,
                        t,
                        json(
                                "jobId",
                                job(99),
                                "tenant",
                                "research",
                                "kind",
                                "training",
                                "accelerators",
                                64,
                                "durationHours",
                                1,
                                "priority",
                                0));
    }

    // ---- what the consumers counted and dead-lettered --------------------------------------------

    private static final String CONSUMED = "terafab_messaging_events_consumed_total";
    private static final String REJECTED = "terafab_messaging_events_rejected_total";
    private static final String DUPLICATES = "terafab_messaging_events_duplicates_total";

    private static Map<String, MetricsScrape> scrapeAll() throws IOException {
        Map<String, MetricsScrape> scrapes = new HashMap<>();
        for (var service : SERVICES.entrySet()) {
            HttpResponse<String> metrics = service.getValue().get("/q/metrics");
            assertThat(metrics.statusCode()).as("%s metrics", service.getKey()).isEqualTo(200);
            scrapes.put(service.getKey(), new MetricsScrape(metrics.body()));
        }
        return scrapes;
    }

    private static long increase(
            Map<String, MetricsScrape> before,
            Map<String, MetricsScrape> after,
            String metric,
            Channel channel,
            Map<String, String> more) {
        Map<String, String> labels = new HashMap<>(more);
        labels.put("channel", channel.name());
        return Math.round(after.get(channel.service()).sum(metric, labels)
                - before.get(channel.service()).sum(metric, labels));
    }

    /** Each consumer took (applied, dropped or rejected) as many records as were sent to it. */
    private void assertEveryRecordTaken(Map<String, MetricsScrape> before, boolean withProbes) throws IOException {
        Map<String, MetricsScrape> now = scrapeAll();
        Map<Channel, Long> taken = new LinkedHashMap<>();
        Map<Channel, Long> sent = new LinkedHashMap<>();
        for (Channel channel : ledger.channels()) {
            taken.put(
                    channel,
                    increase(before, now, CONSUMED, channel, Map.of())
                            + increase(before, now, REJECTED, channel, Map.of())
                            + increase(before, now, DUPLICATES, channel, Map.of()));
            sent.put(
                    channel,
                    ledger.total(channel, Outcome.APPLIED, withProbes)
                            + ledger.total(channel, Outcome.DUPLICATE, withProbes)
                            + ledger.total(channel, Outcome.REJECTED, withProbes));
        }
        assertThat(taken).as("records taken per channel").isEqualTo(sent);
    }

    /** Applied, rejected by reason, and dropped as duplicates: each exactly as the ledger says. */
    private void assertCounters(Map<String, MetricsScrape> before, boolean withProbes) throws IOException {
        Map<String, MetricsScrape> now = scrapeAll();
        for (Channel channel : ledger.channels()) {
            assertThat(increase(before, now, CONSUMED, channel, Map.of()))
                    .as("%s applied", channel)
                    .isEqualTo(ledger.total(channel, Outcome.APPLIED, withProbes));
            assertThat(increase(before, now, DUPLICATES, channel, Map.of()))
                    .as("%s duplicates", channel)
                    .isEqualTo(ledger.total(channel, Outcome.DUPLICATE, withProbes));
            Map<String, Long> rejected = ledger.count(channel, Outcome.REJECTED, withProbes);
            for (String reason : List.of(
                    "malformed",
                    "missing-envelope",
                    "unsupported-type",
                    "invalid-payload",
                    "unknown-entity",
                    "not-allowed",
                    "out-of-order",
                    "oversized",
                    "duplicate-id",
                    "handler-error")) {
                assertThat(increase(before, now, REJECTED, channel, Map.of("reason", reason)))
                        .as("%s rejected as %s", channel, reason)
                        .isEqualTo(rejected.getOrDefault(reason, 0L));
            }
        }
    }

    /** Every dead-letter topic holds exactly the records its consumers refused, once per consumer, with their reason. */
    private void assertDeadLetters(ConsumerTask<String, String> deadLetters) {
        Map<String, List<DeadLetter>> actual = new TreeMap<>();
        for (ConsumerRecord<String, String> r : deadLetters.getRecords()) {
            String id = CloudEventRecords.header(r, "ce_id");
            String reason = String.valueOf(CloudEventRecords.header(r, "dead-letter-reason"));
            actual.computeIfAbsent(r.topic(), k -> new ArrayList<>())
                    .add(new DeadLetter(
                            CloudEventRecords.header(r, "dead-letter-service"),
                            id != null ? id : r.value(),
                            reason.contains(":") ? reason.substring(0, reason.indexOf(':')) : reason,
                            r.value()));
        }
        for (String topic : ledger.topics()) {
            assertThat(actual.getOrDefault(Topics.deadLetters(topic), List.of()))
                    .as("dead letters of %s", topic)
                    .containsExactlyInAnyOrderElementsOf(ledger.deadLetters(topic));
        }
    }

    // ---- REST --------------------------------------------------------------------------------------

    private static JsonNode get(String service, String path) throws IOException {
        HttpResponse<String> response = SERVICES.get(service).get(path);
        assertThat(response.statusCode())
                .as("GET %s %s: %s", service, path, response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int status(String service, String path) throws IOException {
        return SERVICES.get(service).get(path).statusCode();
    }

    /** The first tool of each of {@code n} groups. */
    private static List<String> toolsOfDistinctGroups(int n) throws IOException {
        Map<String, String> firstOfGroup = new LinkedHashMap<>();
        for (JsonNode tool : get(FAB, "/fab/tools")) {
            firstOfGroup.putIfAbsent(
                    tool.path("group").asText(), tool.path("toolId").asText());
        }
        assertThat(firstOfGroup).hasSizeGreaterThanOrEqualTo(n);
        return List.copyOf(firstOfGroup.values()).subList(0, n);
    }

    private static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }
}
