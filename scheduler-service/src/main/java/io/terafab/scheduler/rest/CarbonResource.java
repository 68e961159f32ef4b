package io.terafab.scheduler.rest;

import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.Job;
import io.terafab.scheduler.domain.carbon.JobAccount;
import io.terafab.scheduler.domain.carbon.JobEnergyLedger;
import io.terafab.scheduler.twin.SchedulerConfig;
import io.terafab.scheduler.twin.SchedulerTwin;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Operational and embodied energy and carbon: per job with its lineage (racks, accelerators, chip
 * batches, lots), per lot (the jobs that ran on its chips), and the data center's totals and KPIs.
 */
@Path("/cluster/carbon")
@Produces(MediaType.APPLICATION_JSON)
public class CarbonResource {

    private static final double SECONDS_PER_HOUR = 3600;

    @Inject
    SchedulerTwin twin;

    @Inject
    SchedulerConfig config;

    /** Accelerators of one batch in one rack. */
    public record BatchInRack(String batchId, String lotId, int accelerators) {}

    /** One rack of a job's gang, with its accelerators and the batches they came from. */
    public record RackOfJob(String rackId, List<String> acceleratorIds, List<BatchInRack> batches) {}

    /**
     * A job's energy and carbon.
     *
     * @param kwh the energy its accelerators drew, with the PUE
     * @param operationalKgCo2e its carbon, at the grid mix of the intervals it ran in (settled so far)
     * @param costUsd its cost at their prices (settled so far)
     * @param embodiedKgCo2e its gang's embodied carbon amortised over the time it ran
     * @param acceleratorHours accelerator-hours it ran
     */
    public record JobFootprint(
            double kwh, double operationalKgCo2e, double costUsd, double embodiedKgCo2e, double acceleratorHours) {}

    /**
     * A job's lineage: racks, then accelerators, then chip batches, then lots.
     *
     * @param jobId the job
     * @param status its status
     * @param racks its (latest) gang rack by rack; accelerator ids while it holds the gang
     * @param lots the lots its accelerators came from
     * @param footprint its energy and carbon
     */
    public record JobLineage(
            String jobId, String status, List<RackOfJob> racks, List<String> lots, JobFootprint footprint) {}

    /** A job that ran on chips of a lot. */
    public record JobOnLot(String jobId, int acceleratorsFromLot, JobFootprint footprint) {}

    /**
     * The data center's energy and carbon in whole units (exact sums), and the KPIs per accelerator-hour.
     *
     * @param simTime the scheduler's simulated time
     * @param drawnWh the data center's energy drawn (its reported draw, held from tick to tick)
     * @param jobsWh booked to jobs
     * @param idleWh booked to idle accelerators
     * @param energyConserved whether jobs + idle == drawn, to the watt-hour
     * @param jobsCarbonGrams carbon booked to jobs
     * @param idleCarbonGrams carbon booked to idle
     * @param settledCarbonGrams carbon the grid settled with the data center
     * @param carbonConserved whether jobs + idle == settled, to the gram
     * @param jobsCostMilliUsd cost booked to jobs
     * @param idleCostMilliUsd cost booked to idle
     * @param settledCostMilliUsd cost the grid settled
     * @param settledWh energy the grid settled (its meter of the same draw, on its own ticks)
     * @param settlements intervals settled
     * @param settledThrough end of the last interval settled
     * @param gramsPerKwh carbon intensity of that interval
     * @param usdPerMwh its price
     * @param acceleratorHours accelerator-hours jobs ran
     * @param operationalGCo2ePerAcceleratorHour the data center's carbon (jobs and idle) per accelerator-hour run
     * @param embodiedGCo2ePerAcceleratorHour embodied carbon per accelerator-hour run, amortised over the service life
     * @param embodiedKgCo2ePerAccelerator mean embodied carbon of the accelerators traced
     * @param embodiedKwhPerAccelerator mean embodied energy of the accelerators traced
     * @param serviceLifeHours the amortisation period
     */
    public record CarbonView(
            Instant simTime,
            long drawnWh,
            long jobsWh,
            long idleWh,
            boolean energyConserved,
            long jobsCarbonGrams,
            long idleCarbonGrams,
            long settledCarbonGrams,
            boolean carbonConserved,
            long jobsCostMilliUsd,
            long idleCostMilliUsd,
            long settledCostMilliUsd,
            long settledWh,
            long settlements,
            Instant settledThrough,
            double gramsPerKwh,
            double usdPerMwh,
            double acceleratorHours,
            Double operationalGCo2ePerAcceleratorHour,
            Double embodiedGCo2ePerAcceleratorHour,
            double embodiedKgCo2ePerAccelerator,
            double embodiedKwhPerAccelerator,
            double serviceLifeHours) {}

    @GET
    @Operation(summary = "The data center's energy, cost and carbon booked to jobs and idle, and per accelerator-hour")
    public CarbonView carbon() {
        Duration life = config.acceleratorServiceLife();
        return twin.read(c -> view(c, life));
    }

    static CarbonView view(Cluster c, Duration life) {
        JobEnergyLedger.TotalsView t = c.carbon().totals();
        double hours = t.acceleratorSeconds() / SECONDS_PER_HOUR;
        return new CarbonView(
                c.lastTickAt(),
                t.drawnWh(),
                t.jobsWh(),
                t.idleWh(),
                t.jobsWh() + t.idleWh() == t.drawnWh(),
                t.jobsCarbonGrams(),
                t.idleCarbonGrams(),
                t.settledCarbonGrams(),
                t.jobsCarbonGrams() + t.idleCarbonGrams() == t.settledCarbonGrams(),
                t.jobsCostMilliUsd(),
                t.idleCostMilliUsd(),
                t.settledCostMilliUsd(),
                t.settledWh(),
                t.settlements(),
                t.settledThrough(),
                t.gramsPerKwh(),
                t.usdPerMwh(),
                hours,
                hours == 0 ? null : (t.jobsCarbonGrams() + t.idleCarbonGrams()) / hours,
                hours == 0 ? null : t.embodiedCarbonGrams(life) / hours,
                c.carbon().meanEmbodiedCarbonGrams() / 1e3,
                c.carbon().meanEmbodiedWh() / 1e3,
                life.toSeconds() / SECONDS_PER_HOUR);
    }

    static JobFootprint footprint(JobAccount a, Duration life) {
        if (a == null) {
            return new JobFootprint(0, 0, 0, 0, 0);
        }
        return new JobFootprint(
                a.energyWh() / 1e3,
                a.carbonGrams() / 1e3,
                a.costMilliUsd() / 1e3,
                a.embodiedCarbonGrams(life) / 1e3,
                a.acceleratorSeconds() / SECONDS_PER_HOUR);
    }

    static JobLineage lineageOf(Cluster c, String jobId, Job job, JobAccount account, Duration life) {
        Map<String, List<String>> idsByRack = new LinkedHashMap<>();
        if (job != null) {
            for (String accelerator : job.gang()) {
                String rack = c.topology().rackOf(accelerator).orElse("(removed)");
                idsByRack.computeIfAbsent(rack, k -> new ArrayList<>()).add(accelerator);
            }
        }
        Map<String, List<BatchInRack>> batchesByRack = new LinkedHashMap<>();
        TreeSet<String> lots = new TreeSet<>();
        if (account != null) {
            for (JobAccount.LineageEntry e : account.lineage()) {
                batchesByRack
                        .computeIfAbsent(e.rackId(), k -> new ArrayList<>())
                        .add(new BatchInRack(e.batchId(), e.lotId(), e.accelerators()));
                lots.add(e.lotId());
            }
        }
        List<RackOfJob> racks = new ArrayList<>();
        TreeSet<String> rackIds = new TreeSet<>(batchesByRack.keySet());
        rackIds.addAll(idsByRack.keySet());
        for (String rack : rackIds) {
            racks.add(new RackOfJob(
                    rack, idsByRack.getOrDefault(rack, List.of()), batchesByRack.getOrDefault(rack, List.of())));
        }
        return new JobLineage(
                jobId,
                job == null ? "ended" : job.status().name().toLowerCase(java.util.Locale.ROOT),
                racks,
                List.copyOf(lots),
                footprint(account, life));
    }
}
