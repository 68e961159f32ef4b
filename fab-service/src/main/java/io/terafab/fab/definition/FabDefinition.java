package io.terafab.fab.definition;

import io.terafab.fab.simulation.Distribution;
import java.util.List;
import java.util.Map;

/**
 * A whole fab.
 *
 * @param name what it is (for reports)
 * @param toolGroups its tool groups
 * @param products its products and routes
 * @param releases its lot starts
 * @param initialWip lots in the fab when a run starts
 * @param downtimes breakdowns and maintenance
 * @param setupSeconds sequence-dependent setup times, keyed {@code from->to}; {@code *->to} for any change to {@code to}
 * @param transport time to move a lot between two steps
 * @param facilityWatts draw that does not depend on the tools (cleanroom air, ultrapure water, abatement, chillers)
 */
public record FabDefinition(
        String name,
        List<ToolGroup> toolGroups,
        List<Product> products,
        List<LotRelease> releases,
        List<InitialLot> initialWip,
        List<Downtime> downtimes,
        Map<String, Double> setupSeconds,
        Distribution transport,
        double facilityWatts) {

    public FabDefinition {
        toolGroups = List.copyOf(toolGroups);
        products = List.copyOf(products);
        releases = List.copyOf(releases);
        initialWip = List.copyOf(initialWip);
        downtimes = List.copyOf(downtimes);
        setupSeconds = Map.copyOf(setupSeconds);
        if (toolGroups.isEmpty() || products.isEmpty()) {
            throw new IllegalArgumentException("a fab needs tool groups and products");
        }
        for (Product p : products) {
            for (RouteStep s : p.route()) {
                if (s.toolGroup() >= toolGroups.size()) {
                    throw new IllegalArgumentException("product " + p.name() + " step " + s.name()
                            + " names tool group " + s.toolGroup() + " of " + toolGroups.size());
                }
            }
        }
        for (LotRelease r : releases) {
            if (r.product() >= products.size()) {
                throw new IllegalArgumentException("release " + r.name() + " names an unknown product");
            }
        }
        for (InitialLot l : initialWip) {
            if (l.product() >= products.size()
                    || l.step() < 0
                    || l.step() >= products.get(l.product()).route().size()) {
                throw new IllegalArgumentException("initial lot " + l.name() + " names an unknown product or step");
            }
        }
        int groupCount = toolGroups.size();
        for (Downtime d : downtimes) {
            if (d.toolGroups().stream().anyMatch(g -> g < 0 || g >= groupCount)) {
                throw new IllegalArgumentException("downtime " + d.name() + " names an unknown tool group");
            }
        }
        if (transport == null || !(facilityWatts >= 0)) {
            throw new IllegalArgumentException("a fab needs a transport time and a facility power >= 0");
        }
    }

    public int totalTools() {
        return toolGroups.stream().mapToInt(ToolGroup::tools).sum();
    }
}
