package io.terafab.scheduler.domain.carbon;

import io.terafab.contract.Shares;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.Job;
import io.terafab.scheduler.domain.PowerModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The data center's energy, cost and carbon, booked to jobs in whole units.
 *
 * <p><b>Energy</b> (watt-hours): the data center draws, from one tick to the next, the draw it reported
 * at the first (what the grid sees). That energy, rounded as a running total ({@link Shares#step}), is
 * split by watts: each running job its accelerators' IT power at its power share times the PUE, and
 * the rest (powered idle accelerators with their PUE) is idle. So, exactly:
 * {@code energy booked to jobs + idle == data-center energy drawn}.
 *
 * <p><b>Carbon and cost</b>: the grid settles each dispatch interval with the data center. Its grams
 * and milli-dollars are split over what was booked since the previous settlement, by watt-hours: each
 * job its share, idle the rest. So, exactly: {@code jobs + idle == what the grid settled}. A settlement
 * that ends no later than the last one applied is a replay and changes nothing.
 *
 * <p><b>Embodied</b>: each job's gang embodies what chip-service announced for its accelerators;
 * amortised over a service life (given when read), a job is booked the share of it for the time it
 * runs ({@link JobAccount#embodiedCarbonGrams}).
 */
public final class JobEnergyLedger {

    private static final double JOULES_PER_WH = 3600;

    private final int accountsKept;
    private final Map<String, AcceleratorOrigin> origins = new TreeMap<>();
    private final LinkedHashMap<String, JobAccount> accounts = new LinkedHashMap<>();
    private Map<String, Double> readingWatts = new TreeMap<>();
    private Map<String, Integer> readingAccelerators = new TreeMap<>();
    private double readingDrawWatts;
    private Instant readingAt;
    private final Map<String, Long> pendingWh = new TreeMap<>();
    /** The gang each running job was last read on (by identity: a new placement is a new list); not snapshotted. */
    private Map<String, List<String>> gangSeen = new java.util.HashMap<>();

    private long pendingIdleWh;
    private final Totals totals = new Totals();

    /** @param accountsKept job accounts kept (running jobs always; ended ones newest first up to this) */
    public JobEnergyLedger(int accountsKept) {
        this.accountsKept = Math.max(1, accountsKept);
    }

    /** Running totals; all exact sums of the bookings. */
    static final class Totals {
        double drawnJoules;
        long drawnWh;
        long jobsWh;
        long idleWh;
        long jobsCarbonGrams;
        long idleCarbonGrams;
        long jobsCostMilliUsd;
        long idleCostMilliUsd;
        long settledWh;
        long settledCarbonGrams;
        long settledCostMilliUsd;
        long settlements;
        Instant settledThrough;
        double gramsPerKwh;
        double usdPerMwh;
        double acceleratorSeconds;
        double embodiedGramSeconds;
    }

    /**
     * One interval the grid settled with the data center.
     *
     * @param from its start
     * @param to its end
     * @param energyWh energy served
     * @param carbonGrams its carbon
     * @param costMilliUsd its cost
     * @param gramsPerKwh the interval's carbon intensity
     * @param usdPerMwh its price
     */
    public record Settlement(
            Instant from,
            Instant to,
            long energyWh,
            long carbonGrams,
            long costMilliUsd,
            double gramsPerKwh,
            double usdPerMwh) {}

    /** Accelerators installed in a rack, with where they came from (may be empty for an untraced install). */
    public void installed(String rackId, List<String> acceleratorIds, List<Origin> batches) {
        int i = 0;
        for (Origin o : batches) {
            for (int k = 0; k < o.accelerators() && i < acceleratorIds.size(); k++, i++) {
                origins.put(
                        acceleratorIds.get(i),
                        new AcceleratorOrigin(rackId, o.batchId(), o.lotId(), o.embodiedWh(), o.embodiedCarbonGrams()));
            }
        }
        for (; i < acceleratorIds.size(); i++) {
            origins.put(acceleratorIds.get(i), new AcceleratorOrigin(rackId, "(untraced)", "(untraced)", 0, 0));
        }
    }

    /**
     * Accelerators of one batch in an install, as the allocation event lists them.
     *
     * @param batchId the batch
     * @param lotId its lot
     * @param accelerators how many, in order
     * @param embodiedWh energy to make one
     * @param embodiedCarbonGrams CO2e of making one
     */
    public record Origin(String batchId, String lotId, int accelerators, long embodiedWh, long embodiedCarbonGrams) {}

    /**
     * A scheduler tick at {@code now}, after the cluster's tick: books the interval since the previous
     * reading at that reading's draw, then reads the cluster's draw for the next interval.
     */
    public void tick(Cluster cluster, Instant now) {
        if (readingAt != null && now.isAfter(readingAt)) {
            book(Duration.between(readingAt, now).toNanos() / 1e9);
        }
        if (readingAt == null || now.isAfter(readingAt)) {
            read(cluster, now);
        }
    }

    private void book(double seconds) {
        double joules = readingDrawWatts * seconds;
        double before = totals.drawnJoules;
        totals.drawnJoules += joules;
        long wh = Shares.step(before / JOULES_PER_WH, totals.drawnJoules / JOULES_PER_WH);
        totals.drawnWh += wh;
        List<String> jobs = new ArrayList<>(readingWatts.keySet());
        double[] weights = new double[jobs.size() + 1];
        double jobWatts = 0;
        for (int i = 0; i < jobs.size(); i++) {
            weights[i] = readingWatts.get(jobs.get(i));
            jobWatts += weights[i];
        }
        weights[jobs.size()] = Math.max(0, readingDrawWatts - jobWatts);
        long[] parts = Shares.split(wh, weights);
        long toJobs = 0;
        for (int i = 0; i < jobs.size(); i++) {
            String job = jobs.get(i);
            long part = parts[i];
            double accSeconds = readingAccelerators.getOrDefault(job, 0) * seconds;
            JobAccount account = accounts.get(job);
            if (account != null) {
                accounts.put(job, account.plusEnergy(part, accSeconds));
                totals.embodiedGramSeconds +=
                        (double) account.gangEmbodiedCarbonGrams() / Math.max(1, account.gangSize()) * accSeconds;
            }
            totals.acceleratorSeconds += accSeconds;
            if (part > 0) {
                pendingWh.merge(job, part, Long::sum);
            }
            toJobs += part;
        }
        totals.jobsWh += toJobs;
        totals.idleWh += wh - toJobs;
        pendingIdleWh += wh - toJobs;
    }

    private void read(Cluster cluster, Instant now) {
        PowerModel power = cluster.settings().power();
        Map<String, Double> watts = new TreeMap<>();
        Map<String, Integer> accelerators = new TreeMap<>();
        Map<String, List<String>> seen = new java.util.HashMap<>();
        for (Job job : cluster.runningJobs()) {
            int gang = job.spec().accelerators();
            watts.put(job.id(), power.facilityWatts(gang * power.runningWatts(job.powerShare())));
            accelerators.put(job.id(), gang);
            JobAccount account = accounts.get(job.id());
            if (account == null || gangSeen.get(job.id()) != job.gang()) {
                open(job, account);
            }
            seen.put(job.id(), job.gang());
        }
        gangSeen = seen;
        readingWatts = watts;
        readingAccelerators = accelerators;
        readingDrawWatts = cluster.power().drawWatts();
        readingAt = now;
    }

    /** Opens a job's account, or re-reads its lineage after it was placed on a new gang. */
    private void open(Job job, JobAccount existing) {
        Map<String, JobAccount.LineageEntry> byRackAndBatch = new LinkedHashMap<>();
        long embodied = 0;
        for (String accelerator : job.gang()) {
            AcceleratorOrigin o = origins.getOrDefault(
                    accelerator, new AcceleratorOrigin("(unknown)", "(untraced)", "(untraced)", 0, 0));
            embodied += o.embodiedCarbonGrams();
            byRackAndBatch.merge(
                    o.rackId() + "|" + o.batchId(),
                    new JobAccount.LineageEntry(o.rackId(), o.batchId(), o.lotId(), 1, o.embodiedCarbonGrams()),
                    (a, b) -> new JobAccount.LineageEntry(
                            a.rackId(),
                            a.batchId(),
                            a.lotId(),
                            a.accelerators() + 1,
                            a.embodiedCarbonGrams() + b.embodiedCarbonGrams()));
        }
        List<JobAccount.LineageEntry> lineage = List.copyOf(byRackAndBatch.values());
        JobAccount account = existing == null
                ? new JobAccount(job.id(), 0, 0, 0, 0, embodied, lineage)
                : existing.withGang(lineage, embodied);
        accounts.remove(job.id());
        accounts.put(job.id(), account); // newest last: the oldest accounts go first
        Iterator<Map.Entry<String, JobAccount>> oldest = accounts.entrySet().iterator();
        while (accounts.size() > accountsKept && oldest.hasNext()) {
            if (readingWatts.containsKey(oldest.next().getKey())) {
                continue;
            }
            oldest.remove();
        }
    }

    /** Applies the grid's settlement of an interval; a replay of one already applied changes nothing. */
    public boolean settle(Settlement s) {
        if (totals.settledThrough != null && !s.to().isAfter(totals.settledThrough)) {
            return false;
        }
        List<String> jobs = new ArrayList<>(pendingWh.keySet());
        double[] weights = new double[jobs.size() + 1];
        for (int i = 0; i < jobs.size(); i++) {
            weights[i] = pendingWh.get(jobs.get(i));
        }
        weights[jobs.size()] = pendingIdleWh;
        long[] grams = Shares.split(s.carbonGrams(), weights);
        long[] cost = Shares.split(s.costMilliUsd(), weights);
        long jobGrams = 0;
        long jobCost = 0;
        for (int i = 0; i < jobs.size(); i++) {
            long g = grams[i];
            long c = cost[i];
            accounts.computeIfPresent(jobs.get(i), (k, a) -> a.plusSettled(g, c));
            jobGrams += g;
            jobCost += c;
        }
        totals.jobsCarbonGrams += jobGrams;
        totals.idleCarbonGrams += s.carbonGrams() - jobGrams;
        totals.jobsCostMilliUsd += jobCost;
        totals.idleCostMilliUsd += s.costMilliUsd() - jobCost;
        pendingWh.clear();
        pendingIdleWh = 0;
        totals.settledWh += s.energyWh();
        totals.settledCarbonGrams += s.carbonGrams();
        totals.settledCostMilliUsd += s.costMilliUsd();
        totals.settlements++;
        totals.settledThrough = s.to();
        totals.gramsPerKwh = s.gramsPerKwh();
        totals.usdPerMwh = s.usdPerMwh();
        return true;
    }

    // ---- queries

    public Optional<JobAccount> account(String jobId) {
        return Optional.ofNullable(accounts.get(jobId));
    }

    public Optional<AcceleratorOrigin> origin(String acceleratorId) {
        return Optional.ofNullable(origins.get(acceleratorId));
    }

    /** Job accounts whose gang included accelerators of {@code lotId}, newest last. */
    public List<JobAccount> jobsOfLot(String lotId) {
        return accounts.values().stream()
                .filter(a -> a.lineage().stream().anyMatch(e -> lotId.equals(e.lotId())))
                .toList();
    }

    /** Mean embodied carbon of the accelerators known, grams; 0 when none is traced. */
    public double meanEmbodiedCarbonGrams() {
        return origins.values().stream()
                .filter(o -> o.embodiedCarbonGrams() > 0)
                .mapToLong(AcceleratorOrigin::embodiedCarbonGrams)
                .average()
                .orElse(0);
    }

    /** Mean embodied energy of the accelerators known, Wh; 0 when none is traced. */
    public double meanEmbodiedWh() {
        return origins.values().stream()
                .filter(o -> o.embodiedWh() > 0)
                .mapToLong(AcceleratorOrigin::embodiedWh)
                .average()
                .orElse(0);
    }

    /**
     * The ledger's totals.
     *
     * @param drawnWh the data center's energy drawn (its reported draw, held from tick to tick)
     * @param jobsWh booked to jobs
     * @param idleWh booked to idle accelerators; {@code jobsWh + idleWh == drawnWh}
     * @param jobsCarbonGrams carbon booked to jobs
     * @param idleCarbonGrams carbon booked to idle; with jobs, {@code settledCarbonGrams}
     * @param jobsCostMilliUsd cost booked to jobs
     * @param idleCostMilliUsd cost booked to idle; with jobs, {@code settledCostMilliUsd}
     * @param settledWh energy the grid settled with the data center
     * @param settledCarbonGrams carbon it settled
     * @param settledCostMilliUsd cost it settled
     * @param settlements intervals settled
     * @param settledThrough end of the last one
     * @param gramsPerKwh its carbon intensity
     * @param usdPerMwh its price
     * @param acceleratorSeconds accelerator-seconds jobs ran
     * @param embodiedGramSeconds for each accelerator-second a job ran, the accelerator's embodied carbon:
     *     divided by a service life in seconds, the embodied carbon the jobs used
     */
    public record TotalsView(
            long drawnWh,
            long jobsWh,
            long idleWh,
            long jobsCarbonGrams,
            long idleCarbonGrams,
            long jobsCostMilliUsd,
            long idleCostMilliUsd,
            long settledWh,
            long settledCarbonGrams,
            long settledCostMilliUsd,
            long settlements,
            Instant settledThrough,
            double gramsPerKwh,
            double usdPerMwh,
            double acceleratorSeconds,
            double embodiedGramSeconds) {

        /** Embodied carbon used by the jobs, amortised over {@code serviceLife}, grams. */
        public double embodiedCarbonGrams(Duration serviceLife) {
            return embodiedGramSeconds / serviceLife.toSeconds();
        }
    }

    public TotalsView totals() {
        Totals t = totals;
        return new TotalsView(
                t.drawnWh,
                t.jobsWh,
                t.idleWh,
                t.jobsCarbonGrams,
                t.idleCarbonGrams,
                t.jobsCostMilliUsd,
                t.idleCostMilliUsd,
                t.settledWh,
                t.settledCarbonGrams,
                t.settledCostMilliUsd,
                t.settlements,
                t.settledThrough,
                t.gramsPerKwh,
                t.usdPerMwh,
                t.acceleratorSeconds,
                t.embodiedGramSeconds);
    }

    // ---- snapshots

    /** The ledger as plain data. */
    public record State(
            double drawnJoules,
            TotalsView totals,
            Map<String, AcceleratorOrigin> origins,
            List<JobAccount> accounts,
            Map<String, Double> readingWatts,
            Map<String, Integer> readingAccelerators,
            double readingDrawWatts,
            Instant readingAt,
            Map<String, Long> pendingWh,
            long pendingIdleWh) {}

    public State state() {
        return new State(
                totals.drawnJoules,
                totals(),
                new TreeMap<>(origins),
                new ArrayList<>(accounts.values()),
                new TreeMap<>(readingWatts),
                new TreeMap<>(readingAccelerators),
                readingDrawWatts,
                readingAt,
                new TreeMap<>(pendingWh),
                pendingIdleWh);
    }

    /** Replaces the ledger by a saved one; {@code null} (a snapshot from before it) starts it empty. */
    public void restore(State s) {
        origins.clear();
        accounts.clear();
        pendingWh.clear();
        readingWatts = new TreeMap<>();
        readingAccelerators = new TreeMap<>();
        readingDrawWatts = 0;
        readingAt = null;
        pendingIdleWh = 0;
        Totals t = new Totals();
        if (s != null) {
            TotalsView v = s.totals();
            t.drawnJoules = s.drawnJoules();
            if (v != null) {
                t.drawnWh = v.drawnWh();
                t.jobsWh = v.jobsWh();
                t.idleWh = v.idleWh();
                t.jobsCarbonGrams = v.jobsCarbonGrams();
                t.idleCarbonGrams = v.idleCarbonGrams();
                t.jobsCostMilliUsd = v.jobsCostMilliUsd();
                t.idleCostMilliUsd = v.idleCostMilliUsd();
                t.settledWh = v.settledWh();
                t.settledCarbonGrams = v.settledCarbonGrams();
                t.settledCostMilliUsd = v.settledCostMilliUsd();
                t.settlements = v.settlements();
                t.settledThrough = v.settledThrough();
                t.gramsPerKwh = v.gramsPerKwh();
                t.usdPerMwh = v.usdPerMwh();
                t.acceleratorSeconds = v.acceleratorSeconds();
                t.embodiedGramSeconds = v.embodiedGramSeconds();
            }
            if (s.origins() != null) {
                origins.putAll(s.origins());
            }
            if (s.accounts() != null) {
                s.accounts().forEach(a -> accounts.put(a.jobId(), a));
            }
            if (s.readingWatts() != null) {
                readingWatts.putAll(s.readingWatts());
            }
            if (s.readingAccelerators() != null) {
                readingAccelerators.putAll(s.readingAccelerators());
            }
            readingDrawWatts = s.readingDrawWatts();
            readingAt = s.readingAt();
            if (s.pendingWh() != null) {
                pendingWh.putAll(s.pendingWh());
            }
            pendingIdleWh = s.pendingIdleWh();
        }
        totals.drawnJoules = t.drawnJoules;
        copy(t, totals);
    }

    private static void copy(Totals from, Totals to) {
        to.drawnWh = from.drawnWh;
        to.jobsWh = from.jobsWh;
        to.idleWh = from.idleWh;
        to.jobsCarbonGrams = from.jobsCarbonGrams;
        to.idleCarbonGrams = from.idleCarbonGrams;
        to.jobsCostMilliUsd = from.jobsCostMilliUsd;
        to.idleCostMilliUsd = from.idleCostMilliUsd;
        to.settledWh = from.settledWh;
        to.settledCarbonGrams = from.settledCarbonGrams;
        to.settledCostMilliUsd = from.settledCostMilliUsd;
        to.settlements = from.settlements;
        to.settledThrough = from.settledThrough;
        to.gramsPerKwh = from.gramsPerKwh;
        to.usdPerMwh = from.usdPerMwh;
        to.acceleratorSeconds = from.acceleratorSeconds;
        to.embodiedGramSeconds = from.embodiedGramSeconds;
    }
}
