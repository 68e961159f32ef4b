package io.terafab.fab.definition;

import io.terafab.fab.simulation.Distribution;

/**
 * One step of a product's route.
 *
 * @param name the step's description
 * @param toolGroup index of its tool group in the fab
 * @param processing processing time, seconds, for one unit of {@code basis}
 * @param basis what the time is for: a wafer, a lot or a batch
 * @param batchMinWafers smallest batch a tool starts (0 when the step is not batched)
 * @param batchMaxWafers largest batch (0 when not batched)
 * @param cascadeSeconds when > 0, the tool takes the next job this long after starting one
 *     (per wafer for a per-wafer step: SMT2020's PartInterval; per job otherwise: BatchInterval),
 *     before the first job is done
 * @param setup the setup the step needs, or {@code null}
 * @param setupSeconds setup time when the tool's setup differs; negative to look it up in the fab's setup table
 * @param samplingShare share of lots that do the step (metrology sampling), in (0, 1]
 * @param reworkShare share of lots sent back to {@code reworkToStep} after the step, in [0, 1)
 * @param reworkToStep index of the step rework restarts from; -1 for none
 */
public record RouteStep(
        String name,
        int toolGroup,
        Distribution processing,
        ProcessingBasis basis,
        int batchMinWafers,
        int batchMaxWafers,
        double cascadeSeconds,
        String setup,
        double setupSeconds,
        double samplingShare,
        double reworkShare,
        int reworkToStep) {

    public RouteStep {
        if (toolGroup < 0 || processing == null || basis == null) {
            throw new IllegalArgumentException("step " + name + " needs a tool group, a processing time and a basis");
        }
        if (batchMinWafers < 0 || batchMaxWafers < batchMinWafers) {
            throw new IllegalArgumentException("step " + name + ": batch min " + batchMinWafers + " / max "
                    + batchMaxWafers + " must be 0 <= min <= max");
        }
        if (!(samplingShare > 0 && samplingShare <= 1)) {
            throw new IllegalArgumentException(
                    "step " + name + ": sampling share must be in (0, 1], was " + samplingShare);
        }
        if (!(reworkShare >= 0 && reworkShare < 1)) {
            throw new IllegalArgumentException("step " + name + ": rework share must be in [0, 1), was " + reworkShare);
        }
        if (!(cascadeSeconds >= 0)) {
            throw new IllegalArgumentException(
                    "step " + name + ": cascade interval must be >= 0, was " + cascadeSeconds);
        }
    }

    /** A simple per-lot step with no batching, setup, sampling or rework. */
    public static RouteStep perLot(String name, int toolGroup, Distribution processing) {
        return new RouteStep(name, toolGroup, processing, ProcessingBasis.PER_LOT, 0, 0, 0, null, 0, 1, 0, -1);
    }

    public boolean batched() {
        return batchMaxWafers > 0;
    }
}
