package io.terafab.scheduler.domain.carbon;

/**
 * Where an accelerator came from and what making it took, as chip-service announced it.
 *
 * @param rackId the rack it was installed in
 * @param batchId its chip batch
 * @param lotId the fab lot of its die
 * @param embodiedWh energy to make it, watt-hours
 * @param embodiedCarbonGrams CO2e of making it, grams
 */
public record AcceleratorOrigin(
        String rackId, String batchId, String lotId, long embodiedWh, long embodiedCarbonGrams) {}
