package io.terafab.campus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.contract.PowerConsumers;
import io.terafab.contract.Topics;
import io.terafab.testing.kafka.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Energy and carbon are conserved across the four packaged services on the real broker: what the fab
 * books to lots plus its unallocated remainder is what it drew; what the scheduler books to jobs plus
 * idle is what the data center drew; the carbon and cost they book are, to the gram and milli-dollar,
 * what the grid settled with them interval by interval on {@code power.budget}; and those settlements
 * add up, to the gram, to the grid's own ledger per load in {@code power.grid-state}. Whole units
 * (Wh, g, milli-USD) make every equality exact: no tolerance. And the carbon booked everywhere, with the
 * campus base load and what the batteries hold, is the carbon the sources generated (power-service's
 * {@code GET /grid/ledger}), to the gram and floating-point rounding.
 */
abstract class ConservationFlow {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServiceProcess fab;
    private static ServiceProcess scheduler;
    private static String bootstrap;

    @BeforeAll
    static void joinCampus() {
        DefaultCampus campus = DefaultCampusIT.campus();
        fab = campus.service("fab-service");
        scheduler = campus.service("scheduler-service");
        bootstrap = campus.bootstrapServers();
    }

    private static JsonNode get(ServiceProcess service, String path) throws IOException {
        HttpResponse<String> response = service.get(path);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** One interval the grid settled with a consumer, as published on power.budget. */
    record Settled(String consumer, Instant to, long energyWh, long carbonGrams, long costMilliUsd) {}

    @Test
    void energyAndCarbonBookedToLotsAndJobsAreWhatTheFabAndTheDataCenterDrewAndTheGridSettled() throws Exception {
        // both loads have been settled a few intervals and the data center has run jobs
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(get(fab, "/fab/energy").get("settlements").asLong()).isGreaterThan(3);
            assertThat(get(fab, "/fab/energy").get("lotsWh").asLong()).isPositive();
            assertThat(get(scheduler, "/cluster/carbon").get("jobsWh").asLong()).isPositive();
            assertThat(get(scheduler, "/cluster/carbon").get("settlements").asLong())
                    .isGreaterThan(3);
        });

        JsonNode fabEnergy = get(fab, "/fab/energy");
        JsonNode dc = get(scheduler, "/cluster/carbon");

        // within each service, exactly: booked + remainder == drawn; booked carbon == settled carbon
        assertThat(fabEnergy.get("lotsWh").asLong()
                        + fabEnergy.get("unallocatedWh").asLong())
                .as("energy booked to lots + unallocated == the fab's energy drawn")
                .isEqualTo(fabEnergy.get("drawnWh").asLong());
        assertThat(fabEnergy.get("lotsCarbonGrams").asLong()
                        + fabEnergy.get("unallocatedCarbonGrams").asLong())
                .isEqualTo(fabEnergy.get("settledCarbonGrams").asLong());
        assertThat(dc.get("jobsWh").asLong() + dc.get("idleWh").asLong())
                .as("energy booked to jobs + idle == the data center's energy drawn")
                .isEqualTo(dc.get("drawnWh").asLong());
        assertThat(dc.get("jobsCarbonGrams").asLong()
                        + dc.get("idleCarbonGrams").asLong())
                .isEqualTo(dc.get("settledCarbonGrams").asLong());
        assertThat(dc.get("jobsCostMilliUsd").asLong()
                        + dc.get("idleCostMilliUsd").asLong())
                .isEqualTo(dc.get("settledCostMilliUsd").asLong());

        // across services, exactly: what each books is what the grid settled with it on power.budget
        List<Settled> settled = new ArrayList<>();
        List<JsonNode> gridStates = new ArrayList<>();
        readAll(Map.of(Topics.POWER_BUDGET, settled, Topics.POWER_GRID_STATE, gridStates));
        assertAppliedSuffix(settled, PowerConsumers.FAB, fabEnergy, "settledCarbonGrams", "settledWh", null);
        assertAppliedSuffix(settled, PowerConsumers.DC, dc, "settledCarbonGrams", "settledWh", "settledCostMilliUsd");

        // and the settlements are the grid's own ledger: up to any recorded dispatch they add up to its
        // per-load totals (the sources' cost and carbon, net of what the batteries hold, per load)
        // the latest recorded dispatch whose settlements were read too: the topics are read to their ends at
        // one moment, and the state of a tick may be on its topic before the tick's budgets are on theirs
        JsonNode state = null;
        for (int i = gridStates.size() - 1; i >= 0 && state == null; i--) {
            Instant recorded = Instant.parse(gridStates.get(i).get("at").asText());
            boolean bothSettled = List.of(PowerConsumers.FAB, PowerConsumers.DC).stream()
                    .allMatch(c -> settled.stream().anyMatch(s -> s.consumer().equals(c) && s.to().equals(recorded)));
            if (bothSettled) {
                state = gridStates.get(i);
            }
        }
        assertThat(state)
                .as("a recorded dispatch whose settlements are on power.budget")
                .isNotNull();
        Instant at = Instant.parse(state.get("at").asText());
        for (JsonNode load : state.get("loads")) {
            String consumer = load.get("consumer").asText();
            if (!consumer.equals(PowerConsumers.FAB) && !consumer.equals(PowerConsumers.DC)) {
                continue;
            }
            List<Settled> upTo = settled.stream()
                    .filter(s -> s.consumer().equals(consumer) && !s.to().isAfter(at))
                    .toList();
            assertThat(upTo.stream().mapToLong(Settled::carbonGrams).sum())
                    .as("carbon settled with %s up to %s == the grid's ledger", consumer, at)
                    .isEqualTo(Math.round(load.get("carbonTonnes").asDouble() * 1e6));
            assertThat(upTo.stream().mapToLong(Settled::energyWh).sum())
                    .as("energy settled with %s up to %s == the grid's ledger", consumer, at)
                    .isEqualTo(Math.round(load.get("energyMwh").asDouble() * 1e6));
            assertThat(upTo.stream().mapToLong(Settled::costMilliUsd).sum())
                    .isEqualTo(Math.round(load.get("costUsd").asDouble() * 1e3));
        }
    }

    /**
     * The carbon booked everywhere is the carbon the sources generated. power-service keeps, beside each load's
     * ledger, what the sources generated and what the batteries hold ({@code GET /grid/ledger}); at its latest
     * tick: {@code generated + remeasured} (meter readings of the batteries' charge) {@code ==} the campus base
     * load {@code +} the fab's lots and unallocated (fab-service) {@code +} the data center's jobs and idle
     * (scheduler-service) {@code +} the settlements those two have not applied (before they joined the topic,
     * after their latest) {@code +} what the batteries hold. Chip-service's embodied carbon is the fab's lots'
     * carried on (plus packaging and test, which no source here generated), so it is not counted again.
     *
     * <p>Tolerance: the settlements are whole grams, and a load's settlements add up to its ledger rounded to the
     * gram (the fab's and the data center's: half a gram each); the ledger's doubles agree to floating-point
     * rounding (10<sup>-9</sup> of the total, generously). Everything the services book is exact.
     */
    @Test
    void theCarbonBookedEverywhereIsTheCarbonTheSourcesGenerated() throws Exception {
        ServiceProcess power = DefaultCampusIT.campus().service("power-service");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            // the services' books first, then the grid's: the grid has settled at least what they applied
            JsonNode fabEnergy = get(fab, "/fab/energy");
            JsonNode dc = get(scheduler, "/cluster/carbon");
            JsonNode ledger = get(power, "/grid/ledger");
            Instant at = Instant.parse(ledger.get("at").asText());
            List<Settled> settled = new ArrayList<>();
            readAll(Map.of(Topics.POWER_BUDGET, settled, Topics.POWER_GRID_STATE, new ArrayList<JsonNode>()));
            for (String consumer : List.of(PowerConsumers.FAB, PowerConsumers.DC)) {
                assertThat(settled)
                        .as("%s's settlement of the grid's tick at %s on power.budget", consumer, at)
                        .anyMatch(s -> s.consumer().equals(consumer) && s.to().equals(at));
            }
            List<Settled> upTo =
                    settled.stream().filter(s -> !s.to().isAfter(at)).toList();

            long fabBooked = fabEnergy.get("lotsCarbonGrams").asLong()
                    + fabEnergy.get("unallocatedCarbonGrams").asLong();
            long dcBooked = dc.get("jobsCarbonGrams").asLong()
                    + dc.get("idleCarbonGrams").asLong();
            long notApplied = notApplied(upTo, PowerConsumers.FAB, fabEnergy) + notApplied(upTo, PowerConsumers.DC, dc);
            double campusGrams =
                    ledger.get("loads").get("campus").get("carbonTonnes").asDouble() * 1e6;
            double heldGrams = ledger.get("heldInBatteries").get("carbonTonnes").asDouble() * 1e6;
            double generatedGrams = ledger.get("generated").get("carbonTonnes").asDouble() * 1e6;
            double remeasuredGrams =
                    ledger.get("remeasured").get("carbonTonnes").asDouble() * 1e6;

            assertThat(generatedGrams).isPositive();
            assertThat(fabBooked).isPositive();
            assertThat(dcBooked).isPositive();
            assertThat(fabBooked + dcBooked + notApplied + campusGrams + heldGrams)
                    .as(
                            "carbon booked everywhere (fab %d g, data center %d g, not applied yet %d g, campus base load"
                                    + " %.1f g) + held in batteries %.1f g == generated %.1f g + remeasured %.1f g, at %s",
                            fabBooked,
                            dcBooked,
                            notApplied,
                            campusGrams,
                            heldGrams,
                            generatedGrams,
                            remeasuredGrams,
                            at)
                    .isCloseTo(generatedGrams + remeasuredGrams, within(1 + 1e-9 * generatedGrams));
            // the grid's own books balance likewise, cost included
            assertThat(ledger.get("carbonImbalanceTonnes").asDouble() * 1e6)
                    .isCloseTo(0, within(1e-9 * generatedGrams));
            assertThat(ledger.get("costImbalanceUsd").asDouble())
                    .isCloseTo(
                            0,
                            within(1e-9 * ledger.get("generated").get("costUsd").asDouble()));
        });
    }

    /**
     * The carbon of a consumer's settlements up to the grid's tick that the service has not applied: those
     * before the contiguous run it applied (it joined the topic after the grid's first dispatches) and those
     * after its {@code settledThrough}.
     */
    private static long notApplied(List<Settled> upTo, String consumer, JsonNode view) {
        Instant through = Instant.parse(view.get("settledThrough").asText());
        int n = view.get("settlements").asInt();
        List<Settled> mine = upTo.stream()
                .filter(s -> s.consumer().equals(consumer))
                .sorted(Comparator.comparing(Settled::to))
                .toList();
        int appliedEnd =
                (int) mine.stream().filter(s -> !s.to().isAfter(through)).count();
        assertThat(appliedEnd)
                .as("%s settlements through %s", consumer, through)
                .isGreaterThanOrEqualTo(n);
        long before = mine.subList(0, appliedEnd - n).stream()
                .mapToLong(Settled::carbonGrams)
                .sum();
        long after = mine.subList(appliedEnd, mine.size()).stream()
                .mapToLong(Settled::carbonGrams)
                .sum();
        return before + after;
    }

    /**
     * From a running job to the lots of its accelerators (the scheduler's lineage), and back: chip-service's
     * lineage of each of those lots names the job's racks and, from the scheduler's job steps, the job itself.
     */
    @Test
    void aJobsLineageReachesTheLotsItsAcceleratorsCameFromAndBack() throws Exception {
        ServiceProcess chip = DefaultCampusIT.campus().service("chip-service");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode jobs = get(scheduler, "/jobs?state=running");
            assertThat(jobs.isArray() ? jobs : jobs.path("jobs")).isNotEmpty();
        });
        JsonNode jobs = get(scheduler, "/jobs?state=running");
        JsonNode first = (jobs.isArray() ? jobs : jobs.path("jobs")).get(0);
        String jobId = first.get("jobId").asText();

        JsonNode lineage = get(scheduler, "/jobs/" + jobId + "/lineage");
        assertThat(lineage.get("racks")).isNotEmpty();
        assertThat(lineage.get("lots"))
                .as("the lots of job %s's accelerators", jobId)
                .isNotEmpty();
        int accelerators = 0;
        for (JsonNode rack : lineage.get("racks")) {
            for (JsonNode batch : rack.get("batches")) {
                accelerators += batch.get("accelerators").asInt();
                String lot = batch.get("lotId").asText();
                // chip-service made those accelerators from that lot: its lineage names the rack
                String rackId = rack.get("rackId").asText();
                JsonNode lotLineage = get(chip, "/inventory/lots/" + lot + "/lineage");
                assertThat(lotLineage.get("racks").has(rackId))
                        .as("lot %s's racks: %s", lot, lotLineage.get("racks"))
                        .isTrue();
                // and, from the scheduler's job steps on jobs.events, the job that ran on that rack
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode jobsOfLot =
                            get(chip, "/inventory/lots/" + lot + "/lineage").get("jobs");
                    JsonNode mine = null;
                    for (JsonNode job : jobsOfLot) {
                        if (job.get("jobId").asText().equals(jobId)) {
                            mine = job;
                        }
                    }
                    assertThat(mine)
                            .as("job %s in lot %s's lineage: %s", jobId, lot, jobsOfLot)
                            .isNotNull();
                    List<String> racksOfJob = new ArrayList<>();
                    mine.get("racks").forEach(r -> racksOfJob.add(r.asText()));
                    assertThat(racksOfJob).as("the racks job %s ran on", jobId).contains(rackId);
                });
                // and the lot's jobs include this one
                assertThat(get(scheduler, "/lots/" + lot + "/jobs").findValuesAsText("jobId"))
                        .contains(jobId);
            }
        }
        assertThat(accelerators).isEqualTo(first.get("accelerators").asInt());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode footprint = get(scheduler, "/jobs/" + jobId + "/lineage").get("footprint");
            assertThat(footprint.get("kwh").asDouble()).isPositive();
            assertThat(footprint.get("embodiedKgCo2e").asDouble()).isPositive();
        });
    }

    /**
     * The service applied a contiguous run of the consumer's settlements ending at its
     * {@code settledThrough} (it joined the topic after the grid's first dispatches): their sum is what it
     * reports as settled.
     */
    private static void assertAppliedSuffix(
            List<Settled> all, String consumer, JsonNode view, String carbon, String energy, String cost) {
        Instant through = Instant.parse(view.get("settledThrough").asText());
        int n = view.get("settlements").asInt();
        List<Settled> mine = all.stream()
                .filter(s -> s.consumer().equals(consumer) && !s.to().isAfter(through))
                .sorted(Comparator.comparing(Settled::to))
                .toList();
        assertThat(mine.size()).as("%s settlements on the topic", consumer).isGreaterThanOrEqualTo(n);
        List<Settled> applied = mine.subList(mine.size() - n, mine.size());
        assertThat(applied.stream().mapToLong(Settled::carbonGrams).sum())
                .as("carbon %s booked == carbon the grid settled with it", consumer)
                .isEqualTo(view.get(carbon).asLong());
        assertThat(applied.stream().mapToLong(Settled::energyWh).sum())
                .isEqualTo(view.get(energy).asLong());
        if (cost != null) {
            assertThat(applied.stream().mapToLong(Settled::costMilliUsd).sum())
                    .isEqualTo(view.get(cost).asLong());
        }
    }

    /** Reads the topics from the beginning to their current end. */
    @SuppressWarnings("unchecked")
    private static void readAll(Map<String, List<?>> into) throws IOException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "conservation-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : into.keySet()) {
                consumer.partitionsFor(DefaultCampus.PREFIX + topic)
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime())
                        .as("reading the topics to their end")
                        .isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        continue;
                    }
                    JsonNode payload = JSON.readTree(r.value());
                    String topic = r.topic().substring(DefaultCampus.PREFIX.length());
                    if (topic.equals(Topics.POWER_GRID_STATE)) {
                        ((List<JsonNode>) into.get(topic)).add(payload);
                    } else if (payload.hasNonNull("settled")) {
                        JsonNode s = payload.get("settled");
                        ((List<Settled>) into.get(topic))
                                .add(new Settled(
                                        payload.get("consumer").asText(),
                                        Instant.parse(s.get("to").asText()),
                                        s.get("energyWh").asLong(),
                                        s.get("carbonGrams").asLong(),
                                        s.get("costMilliUsd").asLong()));
                    }
                }
            }
        }
        ((List<JsonNode>) into.get(Topics.POWER_GRID_STATE))
                .sort(Comparator.comparing(s -> s.get("at").asText()));
    }
}
