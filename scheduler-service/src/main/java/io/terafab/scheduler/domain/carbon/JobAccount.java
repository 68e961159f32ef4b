package io.terafab.scheduler.domain.carbon;

import java.util.List;

/**
 * What a job was booked.
 *
 * @param jobId the job
 * @param energyWh the energy its accelerators drew, with the PUE
 * @param carbonGrams the carbon of that energy, at the grid mix of the intervals it ran in
 * @param costMilliUsd its cost, at their prices
 * @param acceleratorSeconds accelerator-seconds it ran
 * @param gangEmbodiedCarbonGrams the embodied carbon of its (latest) gang, all accelerators together
 * @param lineage its gang, rack by rack and batch by batch (the latest gang it ran on)
 */
public record JobAccount(
        String jobId,
        long energyWh,
        long carbonGrams,
        long costMilliUsd,
        double acceleratorSeconds,
        long gangEmbodiedCarbonGrams,
        List<LineageEntry> lineage) {

    /**
     * Accelerators of a job's gang from one batch in one rack.
     *
     * @param rackId the rack
     * @param batchId the chip batch
     * @param lotId its lot
     * @param accelerators how many
     * @param embodiedCarbonGrams their embodied carbon, together
     */
    public record LineageEntry(
            String rackId, String batchId, String lotId, int accelerators, long embodiedCarbonGrams) {}

    JobAccount plusEnergy(long wh, double seconds) {
        return new JobAccount(
                jobId,
                energyWh + wh,
                carbonGrams,
                costMilliUsd,
                acceleratorSeconds + seconds,
                gangEmbodiedCarbonGrams,
                lineage);
    }

    JobAccount plusSettled(long grams, long milliUsd) {
        return new JobAccount(
                jobId,
                energyWh,
                carbonGrams + grams,
                costMilliUsd + milliUsd,
                acceleratorSeconds,
                gangEmbodiedCarbonGrams,
                lineage);
    }

    JobAccount withGang(List<LineageEntry> newLineage, long gangEmbodied) {
        return new JobAccount(jobId, energyWh, carbonGrams, costMilliUsd, acceleratorSeconds, gangEmbodied, newLineage);
    }

    /**
     * Its gang's embodied carbon amortised over the time it ran: each accelerator's embodied carbon
     * times the share of its service life the job used it (at its latest gang), grams.
     */
    public double embodiedCarbonGrams(java.time.Duration serviceLife) {
        int gang = gangSize();
        return gang == 0 ? 0 : (double) gangEmbodiedCarbonGrams / gang * acceleratorSeconds / serviceLife.toSeconds();
    }

    public int gangSize() {
        return lineage.stream().mapToInt(LineageEntry::accelerators).sum();
    }
}
