package io.terafab.sensors.generator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the traffic may name, as the running twin has it: the fab's tools, the campus's power assets
 * with the figures readings must stay close to, the installed accelerators, the scheduler's tenants
 * and priority classes. Loaded from the services' REST (or a file) and refreshed while the
 * simulator runs; immutable.
 *
 * @param tools every tool of the fab ({@code GET /fab/tools})
 * @param power the power assets and their latest figures ({@code GET /grid}, {@code /grid/sources},
 *     {@code /grid/batteries})
 * @param installed installed accelerators as rack slices of consecutive serials
 *     ({@code GET /inventory/racks/{rackId}})
 * @param retired accelerators out of service (failed, returned, scrapped): never reported healthy
 * @param tenants the scheduler's tenants ({@code GET /queues})
 * @param priorityClasses the scheduler's priority classes ({@code GET /queues})
 */
public record Catalog(
        List<Tool> tools,
        PowerAssets power,
        List<RackSlice> installed,
        Set<String> retired,
        List<String> tenants,
        List<String> priorityClasses) {

    public Catalog {
        tools = List.copyOf(tools == null ? List.of() : tools);
        power = power == null ? PowerAssets.NONE : power;
        installed = List.copyOf(installed == null ? List.of() : installed);
        retired = Set.copyOf(retired == null ? Set.of() : retired);
        tenants = List.copyOf(tenants == null ? List.of() : tenants);
        priorityClasses = List.copyOf(priorityClasses == null ? List.of() : priorityClasses);
    }

    public static final Catalog EMPTY = new Catalog(null, null, null, null, null, null);

    public Catalog withTools(List<Tool> newTools) {
        return new Catalog(newTools, power, installed, retired, tenants, priorityClasses);
    }

    public Catalog withPower(PowerAssets newPower) {
        return new Catalog(tools, newPower, installed, retired, tenants, priorityClasses);
    }

    public Catalog withAccelerators(List<RackSlice> newInstalled, Set<String> newRetired) {
        return new Catalog(tools, power, newInstalled, newRetired, tenants, priorityClasses);
    }

    public Catalog withScheduler(List<String> newTenants, List<String> newPriorityClasses) {
        return new Catalog(tools, power, installed, retired, newTenants, newPriorityClasses);
    }

    /** Accelerators installed, counting those since retired. */
    public long installedCount() {
        return installed.stream().mapToLong(RackSlice::count).sum();
    }

    /**
     * A fab tool.
     *
     * @param toolId its id, {@code <group>.<n>}
     * @param group its tool group, {@code <kind>-<n>} (for example {@code etch-3})
     * @param area its area (litho, etch, ...)
     * @param state its SEMI E10 state as the fab reports it (productive, standby, scheduled_down, ...)
     * @param overridden whether its own telemetry holds it in that state
     */
    public record Tool(String toolId, String group, String area, String state, boolean overridden) {

        /** The tool kind, {@code euv}, {@code etch}, ...: the group name without its number. */
        public String kind() {
            int dash = group.lastIndexOf('-');
            return dash > 0 && group.substring(dash + 1).chars().allMatch(Character::isDigit)
                    ? group.substring(0, dash)
                    : group;
        }

        /** Down in the model: broken down or in maintenance. */
        public boolean down() {
            return "unscheduled_down".equals(state) || "scheduled_down".equals(state);
        }

        /** Held down by telemetry: only an UP brings it back. */
        public boolean heldDown() {
            return overridden && down();
        }
    }

    /**
     * Accelerators of one batch installed together in one rack: serials {@code firstSerial ..
     * firstSerial + count - 1}, named as chip-service names them, {@code <sku>-<8-digit serial>}.
     */
    public record RackSlice(String rackId, String sku, long firstSerial, int count) {

        public RackSlice {
            if (rackId == null || sku == null || firstSerial < 0 || count < 1) {
                throw new IllegalArgumentException("a rack slice needs a rack, a SKU, a first serial >= 0 and at least "
                        + "one accelerator, was " + rackId + " " + sku + " " + firstSerial + " +" + count);
            }
        }

        public String acceleratorId(long serial) {
            return String.format("%s-%08d", sku, serial);
        }

        public boolean holds(long serial) {
            return serial >= firstSerial && serial < firstSerial + count;
        }
    }

    /**
     * The campus's power assets and their figures at {@code observedAt} (simulated time).
     *
     * @param grid the utility connection
     * @param gasTurbines turbines {@code gt-N}
     * @param solarPlants plants {@code solar-N}
     * @param batteries batteries {@code bess-N}
     * @param observedAt simulated time the figures were read, or null when unknown (a fixed catalog)
     */
    public record PowerAssets(
            GridConnection grid,
            List<GasTurbine> gasTurbines,
            List<SolarPlant> solarPlants,
            List<Battery> batteries,
            Instant observedAt) {

        public static final PowerAssets NONE = new PowerAssets(null, null, null, null, null);

        public PowerAssets {
            gasTurbines = List.copyOf(gasTurbines == null ? List.of() : gasTurbines);
            solarPlants = List.copyOf(solarPlants == null ? List.of() : solarPlants);
            batteries = List.copyOf(batteries == null ? List.of() : batteries);
        }

        /** Every asset id a meter may name: {@code grid} (when connected), turbines, plants, batteries. */
        public List<String> assetIds() {
            List<String> ids = new ArrayList<>();
            if (grid != null) {
                ids.add(GridConnection.ID);
            }
            gasTurbines.forEach(t -> ids.add(t.id()));
            solarPlants.forEach(p -> ids.add(p.id()));
            batteries.forEach(b -> ids.add(b.id()));
            return ids;
        }
    }

    /** The utility connection: what it may import, and whether its breaker is open. */
    public record GridConnection(double importCapMw, boolean breakerOpen) {
        public static final String ID = "grid";
    }

    public record GasTurbine(String id, double capacityMw, boolean breakerOpen) {}

    /**
     * A solar plant.
     *
     * @param outputMw what it delivers per the twin
     * @param measured whether {@code outputMw} was a meter's reading rather than the model's sun
     */
    public record SolarPlant(String id, double nameplateMw, double outputMw, boolean measured, boolean breakerOpen) {}

    /**
     * A battery at the latest dispatch: state of charge and what it was charging or discharging.
     */
    public record Battery(
            String id,
            double capacityMwh,
            double stateOfCharge,
            double socMin,
            double socMax,
            double chargeMw,
            double dischargeMw,
            double roundTripEfficiency,
            boolean breakerOpen) {}
}
