package io.terafab.fab.simulation;

import io.terafab.fab.definition.LotPriority;

/** A lot's mutable state in a run of {@link FabSimulation}. */
final class Lot {

    final String name;
    final int product;
    final LotPriority priority;
    final int wafers;
    final double startedAt;
    final boolean initial;
    int step;
    int token; // bumped when the lot's pending event goes stale (paused, finished, handle reused)
    int tool = -1;
    boolean inQueue;
    double queuedAt;
    double doneAt;
    double heldRemaining;
    int reworks;
    boolean done;

    Lot(String name, int product, LotPriority priority, int wafers, double startedAt, boolean initial) {
        this.name = name;
        this.product = product;
        this.priority = priority;
        this.wafers = wafers;
        this.startedAt = startedAt;
        this.initial = initial;
    }

    boolean finished() {
        return done;
    }
}
