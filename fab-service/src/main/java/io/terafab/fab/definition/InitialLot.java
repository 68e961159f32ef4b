package io.terafab.fab.definition;

/**
 * A lot already in the fab when the run starts (SMT2020's WIP.txt).
 *
 * @param name the lot
 * @param product index of the product
 * @param priority its class
 * @param wafers wafers in it
 * @param step index of the step it waits for
 * @param startedSecondsAgo how long before the run's start it was released (for its cycle time)
 */
public record InitialLot(
        String name, int product, LotPriority priority, int wafers, int step, double startedSecondsAgo) {}
