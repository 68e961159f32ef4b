package io.terafab.fab.simulation;

import io.terafab.fab.definition.LotPriority;

/**
 * A lot that reached the end of its route.
 *
 * @param name the lot
 * @param product the product's name
 * @param priority its class
 * @param wafers wafers in it
 * @param startedAt release time, seconds from the run's origin (negative for lots released before it)
 * @param finishedAt time it left the last step, seconds from the run's origin
 * @param scrapped whether it was scrapped at the end of the line instead of going out
 * @param initialWip whether it was in the fab when the run started (its cycle time is partly before the run)
 */
public record FinishedLot(
        String name,
        String product,
        LotPriority priority,
        int wafers,
        double startedAt,
        double finishedAt,
        boolean scrapped,
        boolean initialWip) {

    public double cycleTimeSeconds() {
        return finishedAt - startedAt;
    }
}
