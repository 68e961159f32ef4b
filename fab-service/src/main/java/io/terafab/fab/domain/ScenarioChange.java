package io.terafab.fab.domain;

import io.terafab.platform.model.ModelRejection;

/**
 * One change of a what-if {@link Scenario}, in force from {@code startHours} after the fork for
 * {@code durationHours} (a window reaching past the horizon is cut there). The kinds the fab model
 * honours; each names what it acts on ({@link #target()}), and two changes of one kind on the same
 * target may not overlap in time. Kinds are named by the model they change, so that the grid's,
 * the chips' and the jobs' changes can join them for the coupled campus.
 */
public sealed interface ScenarioChange
        permits ScenarioChange.ToolsDown,
                ScenarioChange.WaferStarts,
                ScenarioChange.PriorityMix,
                ScenarioChange.FabPowerCap {

    String TOOLS_DOWN = "tools-down";
    String WAFER_STARTS = "wafer-starts";
    String PRIORITY_MIX = "priority-mix";
    String FAB_POWER_CAP = "fab-power-cap";

    /** The kind as a scenario file names it. */
    String kind();

    double startHours();

    double durationHours();

    /** What the change acts on: a tool group, a product's starts ({@code *} for every product), the fab's power. */
    String target();

    /** The change in its file form. */
    Spec spec();

    /**
     * {@code count} tools of tool group {@code group} out of service for the window: held down as a
     * tool's own DOWN report holds it (a running job pauses where it is and resumes when the tool is
     * back), then back up as a repaired tool reporting UP (which also ends a simulated breakdown
     * under way then). Tools held down by their own telemetry at the fork are not counted on.
     */
    record ToolsDown(String group, int count, double startHours, double durationHours) implements ScenarioChange {

        @Override
        public String kind() {
            return TOOLS_DOWN;
        }

        @Override
        public String target() {
            return "tool group " + group;
        }

        @Override
        public Spec spec() {
            return new Spec(TOOLS_DOWN, group, count, null, null, null, null, null, null, startHours, durationHours);
        }
    }

    /**
     * The wafer starts of {@code product} ({@code null}: every product) multiplied by
     * {@code multiplier}, or set to {@code wafersPerDay} (exactly one of the two), every priority class
     * alike. 0 stops the starts. Takes effect from each release stream's next release.
     */
    record WaferStarts(String product, Double multiplier, Double wafersPerDay, double startHours, double durationHours)
            implements ScenarioChange {

        @Override
        public String kind() {
            return WAFER_STARTS;
        }

        @Override
        public String target() {
            return "the starts of " + (product == null ? "every product" : "product " + product);
        }

        @Override
        public Spec spec() {
            return new Spec(
                    WAFER_STARTS,
                    null,
                    null,
                    product,
                    multiplier,
                    wafersPerDay,
                    null,
                    null,
                    null,
                    startHours,
                    durationHours);
        }
    }

    /**
     * The share of hot and super-hot lots among the new starts of {@code product} ({@code null}: every
     * product), the regular lots taking the rest, the total start rate unchanged. A share left out
     * stays as defined. The model starts each class from its own release stream, so a class the
     * product has no stream for cannot be given a share.
     */
    record PriorityMix(String product, Double hotShare, Double superHotShare, double startHours, double durationHours)
            implements ScenarioChange {

        @Override
        public String kind() {
            return PRIORITY_MIX;
        }

        @Override
        public String target() {
            return "the priority mix of " + (product == null ? "every product" : "product " + product);
        }

        @Override
        public Spec spec() {
            return new Spec(
                    PRIORITY_MIX,
                    null,
                    null,
                    product,
                    null,
                    null,
                    hotShare,
                    superHotShare,
                    null,
                    startHours,
                    durationHours);
        }
    }

    /**
     * A cap on the fab's draw, MW, in place of the one in force (the fab's view of a grid import cap),
     * shed by the fab's load-shedding policy; the cap in force before comes back at the window's end.
     */
    record FabPowerCap(double capMw, double startHours, double durationHours) implements ScenarioChange {

        @Override
        public String kind() {
            return FAB_POWER_CAP;
        }

        @Override
        public String target() {
            return "the fab's power";
        }

        @Override
        public Spec spec() {
            return new Spec(FAB_POWER_CAP, null, null, null, null, null, null, null, capMw, startHours, durationHours);
        }
    }

    /**
     * A change as a scenario file writes it: its kind and the fields of that kind, the others left out.
     *
     * @param kind {@code tools-down}, {@code wafer-starts}, {@code priority-mix} or {@code fab-power-cap}
     * @param group tools-down: the tool group
     * @param count tools-down: how many of its tools
     * @param product wafer-starts, priority-mix: the product (left out: every product)
     * @param multiplier wafer-starts: the start rate times this
     * @param wafersPerDay wafer-starts: the start rate set to this
     * @param hotShare priority-mix: the share of hot lots among new starts
     * @param superHotShare priority-mix: the share of super-hot lots among new starts
     * @param capMw fab-power-cap: the cap, MW
     * @param startHours when the change begins, hours after the fork
     * @param durationHours how long it lasts, hours
     */
    record Spec(
            String kind,
            String group,
            Integer count,
            String product,
            Double multiplier,
            Double wafersPerDay,
            Double hotShare,
            Double superHotShare,
            Double capMw,
            Double startHours,
            Double durationHours) {

        /** The change, its fields present and finite; refused with the reason otherwise. */
        public ScenarioChange toChange() {
            if (kind == null) {
                throw ModelRejection.invalid("a change needs a kind: " + TOOLS_DOWN + ", " + WAFER_STARTS + ", "
                        + PRIORITY_MIX + " or " + FAB_POWER_CAP);
            }
            double start = finite("startHours", startHours);
            double duration = finite("durationHours", durationHours);
            return switch (kind) {
                case TOOLS_DOWN -> {
                    if (group == null || group.isBlank()) {
                        throw ModelRejection.invalid(TOOLS_DOWN + " needs a group");
                    }
                    if (count == null) {
                        throw ModelRejection.invalid(TOOLS_DOWN + " needs a count");
                    }
                    yield new ToolsDown(group, count, start, duration);
                }
                case WAFER_STARTS -> {
                    if ((multiplier == null) == (wafersPerDay == null)) {
                        throw ModelRejection.invalid(
                                WAFER_STARTS + " needs exactly one of multiplier and wafersPerDay");
                    }
                    yield new WaferStarts(
                            product,
                            multiplier == null ? null : finite("multiplier", multiplier),
                            wafersPerDay == null ? null : finite("wafersPerDay", wafersPerDay),
                            start,
                            duration);
                }
                case PRIORITY_MIX -> {
                    if (hotShare == null && superHotShare == null) {
                        throw ModelRejection.invalid(PRIORITY_MIX + " needs hotShare or superHotShare");
                    }
                    yield new PriorityMix(
                            product,
                            hotShare == null ? null : finite("hotShare", hotShare),
                            superHotShare == null ? null : finite("superHotShare", superHotShare),
                            start,
                            duration);
                }
                case FAB_POWER_CAP -> new FabPowerCap(finite("capMw", capMw), start, duration);
                default ->
                    throw ModelRejection.invalid("unknown change kind '" + kind + "'; the fab takes " + TOOLS_DOWN
                            + ", " + WAFER_STARTS + ", " + PRIORITY_MIX + " and " + FAB_POWER_CAP);
            };
        }

        private double finite(String field, Double value) {
            if (value == null) {
                throw ModelRejection.invalid(kind + " needs " + field);
            }
            if (!Double.isFinite(value)) {
                throw ModelRejection.invalid(kind + ": " + field + " must be a finite number, was " + value);
            }
            return value;
        }
    }
}
