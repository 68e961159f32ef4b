package io.terafab.fab.definition;

import java.util.List;

/**
 * A product and its route.
 *
 * @param name the product
 * @param route its steps in order; re-entrant routes visit the same tool groups many times
 */
public record Product(String name, List<RouteStep> route) {

    public Product {
        route = List.copyOf(route);
        if (name == null || name.isBlank() || route.isEmpty()) {
            throw new IllegalArgumentException("product needs a name and at least one step");
        }
        for (RouteStep step : route) {
            if (step.reworkToStep() >= route.size()) {
                throw new IllegalArgumentException("product " + name + ": step " + step.name() + " reworks to step "
                        + step.reworkToStep() + " beyond the route");
            }
        }
    }

    /** Sum of the steps' mean processing times for one lot of {@code wafers}, seconds (the raw process time). */
    public double rawProcessSeconds(int wafers) {
        double sum = 0;
        for (RouteStep step : route) {
            double time = step.processing().mean();
            sum += step.samplingShare() * (step.basis() == ProcessingBasis.PER_WAFER ? time * wafers : time);
        }
        return sum;
    }
}
