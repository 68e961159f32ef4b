package io.terafab.fab.domain;

import io.terafab.fab.simulation.FabSimulation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one replication does to its own fab as it runs forward from a fork: actions at offsets from
 * the fork instant, applied in time order (in the order given at equal offsets) between the
 * simulation's events. A replication runs its events up to an action's instant, applies it, and runs
 * on; cutting a run there changes nothing else (see {@link FabSimulation#runUntil(double)}), so an
 * empty timeline gives the plain forecast's replication, event for event.
 *
 * <p>A timeline belongs to one replication: its actions may remember what they did (which tools they
 * took down) to undo it.
 */
public record FabTimeline(List<Step> steps) {

    /** Nothing done: the baseline. */
    public static final FabTimeline NONE = new FabTimeline(List.of());

    /** An action at {@code offsetSeconds} after the fork. */
    public record Step(double offsetSeconds, Consumer<FabSimulation> action) {

        public Step {
            if (!(offsetSeconds >= 0) || Double.isInfinite(offsetSeconds) || action == null) {
                throw new IllegalArgumentException("a step needs a finite offset >= 0 and an action");
            }
        }
    }

    public FabTimeline {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingDouble(Step::offsetSeconds)); // stable: equal offsets keep their order
        steps = List.copyOf(sorted);
    }
}
