package io.terafab.campus.faults;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.campus.MetricsScrape;
import io.terafab.testing.kafka.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the campus holds after a fault, with its traffic paused and every input taken, against what
 * was sent (the {@link SentRecorder}) and what was published (the {@link TopicWatch}):
 * <ul>
 *   <li>jobs: every accepted submission known by its id, none counted twice, each accepted job
 *       queued, running, paused or ended exactly once;</li>
 *   <li>lots: every wafer-out on the topic (the fab's and the tracer's) recorded once by
 *       chip-service, each tracer lot with its 95 chips, the chips produced per SKU what the
 *       recorded lots make, chips by state conserved;</li>
 *   <li>wafers: the fab's started = out + scrapped + in process, and every lot out published;</li>
 *   <li>outputs: none of any service still pending in its latest snapshot 30 s after it was published;</li>
 *   <li>energy: the grid's supply = served + charge − discharge, no load's energy going backwards;</li>
 *   <li>no record in a dead-letter topic (the traffic has no bad one).</li>
 * </ul>
 */
final class CampusAudit {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Long>> CHIPS_PER_SKU = new TypeReference<>() {};
    private static final long TRACER_CHIPS = 95;
    private static final Duration SETTLE = Duration.ofSeconds(90);
    /**
     * How long a lot the fab reported out may take to reach fab.wafer-outs: its output leaves with the
     * next publish after the tick that made it, well under a second on a healthy campus.
     */
    private static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(15);
    /**
     * An output still owed this long after it was published, with the campus recovered (lag under
     * a second) was not delivered: the client retries within a second of the broker's return.
     */
    private static final Duration OWED_FOR = Duration.ofSeconds(30);

    private final Map<String, Double> energyBefore = new HashMap<>();

    /** What one audit found; {@code problems} is empty when every check held. */
    record Findings(
            long lost,
            long duplicated,
            long undelivered,
            long deadLetters,
            List<String> problems,
            long jobsChecked,
            long lotsChecked,
            long redeliveredWaferOuts,
            double duplicatesDropped) {

        boolean clean() {
            return problems.isEmpty();
        }
    }

    /**
     * Pauses the traffic, re-publishes the latest tracer lots (copies chip-service must drop), waits
     * until every input was taken, checks, and resumes the traffic.
     */
    Findings audit(FaultCampus campus) throws IOException, InterruptedException {
        campus.traffic().pause();
        try {
            double droppedBefore = copiesDroppedByChipService(campus);
            int resent = campus.traffic().resendRecentLots();
            settle(campus, droppedBefore + resent);
            Findings findings = check(campus);
            double dropped = copiesDroppedByChipService(campus) - droppedBefore;
            if (dropped < resent) {
                findings.problems()
                        .add(resent + " lots re-published with their ids, but chip-service dropped " + dropped
                                + " copies");
            }
            return findings;
        } finally {
            campus.traffic().resume();
        }
    }

    private static double copiesDroppedByChipService(FaultCampus campus) {
        return campus.metrics()
                .get("chip-service")
                .map(m -> m.sum("terafab_messaging_events_duplicates_total", Map.of("channel", "wafer-outs")))
                .orElse(Double.NaN);
    }

    /**
     * Until the consumers committed every input, the lots, jobs and wafer-outs add up and chip-service
     * dropped {@code copiesDropped} copies in all, or {@link #SETTLE}.
     */
    private void settle(FaultCampus campus, double copiesDropped) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (campus.lag().notDrained(campus.metrics()).isEmpty()
                        && settled(campus)
                        && copiesDroppedByChipService(campus) >= copiesDropped) {
                    return;
                }
            } catch (IOException notAnsweringYet) {
                // checked again below
            }
            Thread.sleep(500);
        }
    }

    private static long fabLotsOnTopic(FaultCampus campus) {
        return campus.watch().lots().stream()
                .filter(l -> !campus.traffic().isTracerLot(l))
                .count();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the audit waited for lots in flight", e);
        }
    }

    private boolean settled(FaultCampus campus) throws IOException {
        long accepted = get(campus, "scheduler-service", "/cluster")
                .at("/jobs/accepted")
                .asLong();
        long lotsRecorded =
                get(campus, "chip-service", "/inventory").path("lotsRecorded").asLong();
        long lotsOut = get(campus, "fab-service", "/fab").path("lotsOut").asLong();
        Set<String> onTopic = campus.watch().lots();
        long fabLotsOnTopic =
                onTopic.stream().filter(l -> !campus.traffic().isTracerLot(l)).count();
        return accepted >= campus.recorder().entities(CampusTraffic.JOBS).size()
                && lotsRecorded >= onTopic.size()
                && lotsOut <= fabLotsOnTopic;
    }

    private Findings check(FaultCampus campus) throws IOException {
        List<String> problems = new ArrayList<>();
        long lost = 0;
        long duplicated = 0;

        // jobs, by id
        Set<String> jobs = campus.recorder().entities(CampusTraffic.JOBS);
        JsonNode cluster = get(campus, "scheduler-service", "/cluster").path("jobs");
        List<String> lostJobs = new ArrayList<>();
        for (String job : jobs) {
            if (status(campus, "scheduler-service", "/jobs/" + job) == 404) {
                lostJobs.add(job);
            }
        }
        lost += lostJobs.size();
        report(problems, lostJobs, "accepted job submissions unknown to scheduler-service");
        long accepted = cluster.path("accepted").asLong();
        long unconfirmedKnown = 0; // submissions the producer gave up on that were written all the same
        for (String job : campus.recorder().unconfirmedEntities(CampusTraffic.JOBS)) {
            if (status(campus, "scheduler-service", "/jobs/" + job) == 200) {
                unconfirmedKnown++;
            }
        }
        long jobsTwice = accepted - (jobs.size() - lostJobs.size()) - unconfirmedKnown;
        if (jobsTwice > 0) {
            duplicated += jobsTwice;
            problems.add(
                    jobsTwice + " jobs accepted beyond the distinct submissions known (" + accepted + " accepted)");
        }
        long inLife = cluster.path("queued").asLong()
                + cluster.path("running").asLong()
                + cluster.path("paused").asLong()
                + cluster.path("completed").asLong()
                + cluster.path("failed").asLong()
                + cluster.path("cancelled").asLong();
        if (inLife != accepted) {
            problems.add("job lifecycle: " + accepted + " accepted but " + inLife + " queued, running, paused or ended "
                    + cluster);
        }

        // lots, by id, read between two identical counts so that no fab lot lands in the middle
        LotCheck lots = null;
        for (int attempt = 0; attempt < 5 && lots == null; attempt++) {
            lots = checkLots(campus);
        }
        if (lots == null) {
            problems.add("chip-service kept recording lots during five attempts to read them");
            lots = new LotCheck(0, 0, List.of(), 0);
        }
        lost += lots.lost().size();
        report(problems, lots.lost(), "wafer-outs on the topic that chip-service did not record");
        if (lots.chipsBeyond() != 0) {
            long lotsTwice = (long) Math.ceil(Math.abs(lots.chipsBeyond()) / (double) TRACER_CHIPS);
            duplicated += lots.chipsBeyond() > 0 ? lotsTwice : 0;
            problems.add("chips produced differ from what the recorded lots make by " + lots.chipsBeyond());
        }
        JsonNode inventory = get(campus, "chip-service", "/inventory");
        if (!inventory.path("conserved").asBoolean()) {
            problems.add("chips by state not conserved: " + inventory.path("skus"));
        }

        // wafers, and the fab's outputs delivered
        JsonNode fab = get(campus, "fab-service", "/fab");
        if (!fab.path("conserved").asBoolean()) {
            problems.add("wafers not conserved: " + fab);
        }
        // the fab keeps running while the audit reads: a lot that came out after the settle
        // is in flight, not lost, so the lots out it reported get a short grace to reach the topic
        long lotsOut = fab.path("lotsOut").asLong();
        long fabLotsOnTopic = fabLotsOnTopic(campus);
        Instant graceEnds = Instant.now().plus(IN_FLIGHT_GRACE);
        while (fabLotsOnTopic < lotsOut && Instant.now().isBefore(graceEnds)) {
            sleep(200);
            fabLotsOnTopic = fabLotsOnTopic(campus);
        }
        long undelivered = Math.max(0, lotsOut - fabLotsOnTopic);
        if (undelivered > 0) {
            problems.add(undelivered + " of the fab's " + lotsOut + " lots out never reached fab.wafer-outs within "
                    + IN_FLIGHT_GRACE.toSeconds() + " s (outputs not delivered)");
        }
        // every service's outputs: none still owed in its latest snapshot long after it was published
        List<String> owed = new ArrayList<>();
        Instant now = Instant.now();
        for (String service : FaultCampus.SERVICES) {
            owed.addAll(campus.outbox().overdue(service, OWED_FOR, now));
        }
        undelivered += owed.size();
        report(
                problems,
                owed,
                "outputs still unacknowledged in the services' latest snapshots more than " + OWED_FOR.toSeconds()
                        + " s after they were published, still owed 2 minutes after the campus recovered");

        // energy
        JsonNode balance = get(campus, "power-service", "/grid/balance");
        if (Math.abs(balance.path("imbalanceMw").asDouble()) > 1e-6) {
            problems.add("grid balance: supply != served + charge - discharge: " + balance);
        }
        for (JsonNode load : get(campus, "power-service", "/grid/loads")) {
            String consumer = load.path("consumer").asText();
            double energy = load.path("energyMwh").asDouble();
            Double before = energyBefore.put(consumer, energy);
            if (before != null && energy < before - 1e-9) {
                problems.add("energy booked to " + consumer + " went back from " + before + " to " + energy + " MWh");
            }
        }

        // dead letters
        List<String> deadLetters = campus.watch().deadLetters();
        report(problems, deadLetters, "records in dead-letter topics");

        double dropped = 0;
        for (Optional<MetricsScrape> scrape : campus.metrics().values()) {
            dropped += scrape.map(m -> m.sum("terafab_messaging_events_duplicates_total", Map.of()))
                    .orElse(0.0);
        }
        return new Findings(
                lost,
                duplicated,
                undelivered,
                deadLetters.size(),
                problems,
                jobs.size(),
                lots.checked(),
                campus.watch().copies(),
                dropped);
    }

    /** Lots chip-service should hold: lost ones, and chips produced beyond (or short of) what the lots make. */
    private record LotCheck(long checked, long chipsBeyond, List<String> lost, long lotsRecorded) {}

    private LotCheck checkLots(FaultCampus campus) throws IOException {
        JsonNode before = get(campus, "chip-service", "/inventory");
        Set<String> lots = new HashSet<>(campus.watch().lots());
        lots.addAll(campus.recorder().entities(CampusTraffic.WAFER_OUTS));
        List<String> lost = new ArrayList<>();
        Map<String, Long> made = new TreeMap<>();
        for (String lot : lots) {
            HttpResponse<String> response = campus.service("chip-service").get("/inventory/lots/" + lot);
            if (response.statusCode() == 404) {
                lost.add(lot);
                continue;
            }
            Map<String, Long> chips = JSON.readValue(response.body(), CHIPS_PER_SKU);
            if (campus.traffic().isTracerLot(lot) && !chips.equals(Map.of(CampusTraffic.TRACER_SKU, TRACER_CHIPS))) {
                lost.add(lot + " (holds " + chips + ")");
            }
            chips.forEach((sku, n) -> made.merge(sku, n, Long::sum));
        }
        JsonNode after = get(campus, "chip-service", "/inventory");
        if (before.path("lotsRecorded").asLong() != after.path("lotsRecorded").asLong()) {
            return null;
        }
        long beyond = 0;
        for (var sku : after.path("skus").properties()) {
            beyond += sku.getValue().path("produced").asLong() - made.getOrDefault(sku.getKey(), 0L);
        }
        return new LotCheck(
                lots.size(), beyond, lost, after.path("lotsRecorded").asLong());
    }

    private static void report(List<String> problems, List<String> items, String what) {
        if (!items.isEmpty()) {
            problems.add(items.size() + " " + what + ", e.g. " + items.subList(0, Math.min(5, items.size())));
        }
    }

    private static JsonNode get(FaultCampus campus, String service, String path) throws IOException {
        HttpResponse<String> response = campus.service(service).get(path);
        if (response.statusCode() != 200) {
            throw new IOException(service + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static int status(FaultCampus campus, String service, String path) throws IOException {
        ServiceProcess process = campus.service(service);
        return process.get(path).statusCode();
    }
}
