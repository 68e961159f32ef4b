package io.terafab.fab.domain;

import io.terafab.contract.Units;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.LotPriority;
import io.terafab.fab.definition.LotRelease;
import io.terafab.fab.definition.ToolGroup;
import io.terafab.fab.simulation.FabSimulation;
import io.terafab.fab.simulation.SimulationState;
import io.terafab.fab.simulation.ToolReport;
import io.terafab.platform.model.ModelRejection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A what-if: changes to the fab, each in force for a window after the fork instant (see
 * {@link ScenarioChange} for the kinds and what each does in the model). {@link #validate} refuses
 * one the fab cannot run, with the reason; {@link #timeline} turns it into the actions one
 * replication applies at the windows' starts and ends.
 */
public record Scenario(List<ScenarioChange> changes) {

    /** More changes than an operator writes by hand is a mistake, not a scenario. */
    public static final int MAX_CHANGES = 50;

    /** A start rate at most this many times the defined one (a fab far beyond its capacity tells nothing). */
    public static final double MAX_START_MULTIPLIER = 10;

    static final double HOUR = 3_600;
    private static final double DAY = 86_400;

    /** No change: the baseline. */
    public static final Scenario NONE = new Scenario(List.of());

    public Scenario {
        changes = List.copyOf(changes);
    }

    /** A scenario of changes in their file form; refused with the first one's reason (numbered from 1). */
    public static Scenario of(List<ScenarioChange.Spec> specs) {
        if (specs == null) {
            throw ModelRejection.invalid("a scenario needs a list of changes (it may be empty)");
        }
        if (specs.size() > MAX_CHANGES) {
            throw ModelRejection.invalid(
                    "a scenario has at most " + MAX_CHANGES + " changes, this one " + specs.size());
        }
        List<ScenarioChange> changes = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            ScenarioChange.Spec spec = specs.get(i);
            if (spec == null) {
                throw ModelRejection.invalid("change " + (i + 1) + " is empty");
            }
            try {
                changes.add(spec.toChange());
            } catch (ModelRejection e) {
                throw ModelRejection.invalid("change " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Scenario(changes);
    }

    /**
     * Refuses, with the reason, a scenario this fab cannot run over {@code horizonHours}: a window
     * that does not start within the horizon or has no length, an unknown tool group or product,
     * more tools down than the group has, a start rate or share out of range, a class of lots the
     * product has no release stream for, or two changes of one kind on one target at the same time.
     */
    public void validate(FabDefinition fab, double horizonHours) {
        for (int i = 0; i < changes.size(); i++) {
            ScenarioChange c = changes.get(i);
            String at = "change " + (i + 1) + " (" + c.kind() + "): ";
            if (c.startHours() < 0 || c.startHours() >= horizonHours) {
                throw ModelRejection.invalid(at + "startHours must be within the horizon, 0 to " + horizonHours
                        + " h, was " + c.startHours());
            }
            if (!(c.durationHours() > 0)) {
                throw ModelRejection.invalid(at + "durationHours must be > 0, was " + c.durationHours());
            }
            String reason = problem(fab, c);
            if (reason != null) {
                throw ModelRejection.invalid(at + reason);
            }
            for (int j = 0; j < i; j++) {
                ScenarioChange other = changes.get(j);
                if (clash(other, c)) {
                    throw ModelRejection.invalid(at + "overlaps change " + (j + 1) + " on " + other.target()
                            + " (hours " + other.startHours() + " to " + (other.startHours() + other.durationHours())
                            + "); one change per target at a time");
                }
            }
        }
    }

    /**
     * Refuses a tools-down change that needs more tools than its group has in service at the fork
     * (tools held down by their own telemetry are not the scenario's to take).
     */
    void validateAgainst(FabDefinition fab, SimulationState state) {
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i) instanceof ScenarioChange.ToolsDown down) {
                int g = groupIndex(fab, down.group());
                int first = firstTool(fab, g);
                int inService = 0;
                for (int t = first; t < first + fab.toolGroups().get(g).tools(); t++) {
                    int[] overrides = state.toolOverrides();
                    if (overrides == null || overrides[t] < 0) {
                        inService++;
                    }
                }
                if (down.count() > inService) {
                    throw ModelRejection.invalid("change " + (i + 1) + " (" + down.kind() + "): group " + down.group()
                            + " has " + inService + " tools in service at the fork (the others are held down by their"
                            + " own telemetry), fewer than " + down.count());
                }
            }
        }
    }

    private static String problem(FabDefinition fab, ScenarioChange c) {
        if (c instanceof ScenarioChange.ToolsDown d) {
            int g = groupIndex(fab, d.group());
            if (g < 0) {
                return "no tool group " + d.group() + " in the fab (GET /fab/tool-groups lists them)";
            }
            int tools = fab.toolGroups().get(g).tools();
            return d.count() < 1 || d.count() > tools
                    ? "count must be 1 to " + tools + " (the tools of group " + d.group() + "), was " + d.count()
                    : null;
        }
        if (c instanceof ScenarioChange.WaferStarts s) {
            String product = productProblem(fab, s.product());
            if (product != null) {
                return product;
            }
            double base = baseWafersPerSecond(fab, s.product()) * DAY;
            if (base <= 0) {
                return "the fab starts no wafers of " + (s.product() == null ? "any product" : s.product());
            }
            double factor = s.multiplier() != null ? s.multiplier() : s.wafersPerDay() / base;
            return factor < 0 || factor > MAX_START_MULTIPLIER
                    ? "the start rate must be 0 to " + MAX_START_MULTIPLIER + " times the defined " + Math.round(base)
                            + " wafers/day, was " + factor + " times"
                    : null;
        }
        if (c instanceof ScenarioChange.PriorityMix m) {
            String product = productProblem(fab, m.product());
            if (product != null) {
                return product;
            }
            for (Double share : new Double[] {m.hotShare(), m.superHotShare()}) {
                if (share != null && (share < 0 || share > 1)) {
                    return "shares must be 0 to 1, was " + share;
                }
            }
            for (int p = 0; p < fab.products().size(); p++) {
                if (m.product() != null && !fab.products().get(p).name().equals(m.product())) {
                    continue;
                }
                double[] base = classWafersPerSecond(fab, p);
                String name = fab.products().get(p).name();
                if (Arrays.stream(base).sum() <= 0) {
                    if (m.product() != null) {
                        return "the fab starts no wafers of " + name;
                    }
                    continue;
                }
                double[] target = targetShares(m, base);
                if (target[LotPriority.REGULAR.ordinal()] < -1e-9) {
                    return "hot and super-hot shares add up to more than 1";
                }
                for (LotPriority k : LotPriority.values()) {
                    if (target[k.ordinal()] > 1e-12 && base[k.ordinal()] == 0) {
                        return "product " + name + " has no release stream of " + k.key()
                                + " lots; the model can only reweight the classes it starts";
                    }
                }
            }
            return null;
        }
        ScenarioChange.FabPowerCap p = (ScenarioChange.FabPowerCap) c;
        return p.capMw() < 0 ? "capMw must be >= 0, was " + p.capMw() : null;
    }

    private static String productProblem(FabDefinition fab, String product) {
        if (product == null || fab.products().stream().anyMatch(p -> p.name().equals(product))) {
            return null;
        }
        return "no product " + product + " in the fab";
    }

    private static boolean clash(ScenarioChange a, ScenarioChange b) {
        if (!a.kind().equals(b.kind())) {
            return false;
        }
        boolean sameTarget;
        if (a instanceof ScenarioChange.ToolsDown d) {
            sameTarget = d.group().equals(((ScenarioChange.ToolsDown) b).group());
        } else if (a instanceof ScenarioChange.WaferStarts s) {
            sameTarget = sameProduct(s.product(), ((ScenarioChange.WaferStarts) b).product());
        } else if (a instanceof ScenarioChange.PriorityMix m) {
            sameTarget = sameProduct(m.product(), ((ScenarioChange.PriorityMix) b).product());
        } else {
            sameTarget = true; // the fab has one power cap
        }
        return sameTarget
                && a.startHours() < b.startHours() + b.durationHours()
                && b.startHours() < a.startHours() + a.durationHours();
    }

    private static boolean sameProduct(String a, String b) {
        return a == null || b == null || a.equals(b); // every product overlaps each one
    }

    // ---- the timeline

    /**
     * The actions one replication applies: each change at its window's start and, when the window
     * ends within the run, the undoing at its end. A new timeline for every replication (tools-down
     * actions remember which tools they took). Call {@link #validate} first.
     */
    FabTimeline timeline(FabDefinition fab) {
        List<LotRelease> releases = fab.releases();
        double[] startFactors = new double[releases.size()];
        double[] mixFactors = new double[releases.size()];
        Arrays.fill(startFactors, 1);
        Arrays.fill(mixFactors, 1);
        List<FabTimeline.Step> steps = new ArrayList<>();
        List<FabTimeline.Step> ends = new ArrayList<>();
        for (ScenarioChange change : changes) {
            double from = change.startHours() * HOUR;
            double to = (change.startHours() + change.durationHours()) * HOUR;
            if (change instanceof ScenarioChange.ToolsDown d) {
                int g = groupIndex(fab, d.group());
                List<Integer> taken = new ArrayList<>();
                steps.add(new FabTimeline.Step(from, sim -> takeDown(sim, fab, g, d.count(), taken)));
                ends.add(new FabTimeline.Step(to, sim -> bringBack(sim, taken)));
            } else if (change instanceof ScenarioChange.WaferStarts s) {
                double factor = s.multiplier() != null
                        ? s.multiplier()
                        : s.wafersPerDay() / (baseWafersPerSecond(fab, s.product()) * DAY);
                double[] during = new double[releases.size()];
                for (int r = 0; r < releases.size(); r++) {
                    during[r] = ofProduct(fab, releases.get(r), s.product()) ? factor : 1;
                }
                steps.add(new FabTimeline.Step(
                        from, sim -> setFactors(sim, startFactors, during, startFactors, mixFactors)));
                ends.add(new FabTimeline.Step(
                        to, sim -> setFactors(sim, startFactors, ones(releases.size()), startFactors, mixFactors)));
            } else if (change instanceof ScenarioChange.PriorityMix m) {
                double[] during = new double[releases.size()];
                for (int r = 0; r < releases.size(); r++) {
                    LotRelease release = releases.get(r);
                    double[] base = classWafersPerSecond(fab, release.product());
                    double total = Arrays.stream(base).sum();
                    if (!ofProduct(fab, release, m.product()) || total <= 0) {
                        during[r] = 1;
                        continue;
                    }
                    double[] target = targetShares(m, base);
                    int k = release.priority().ordinal();
                    during[r] = Math.max(0, target[k]) * total / base[k];
                }
                steps.add(new FabTimeline.Step(
                        from, sim -> setFactors(sim, mixFactors, during, startFactors, mixFactors)));
                ends.add(new FabTimeline.Step(
                        to, sim -> setFactors(sim, mixFactors, ones(releases.size()), startFactors, mixFactors)));
            } else {
                ScenarioChange.FabPowerCap p = (ScenarioChange.FabPowerCap) change;
                double[] before = {Double.POSITIVE_INFINITY};
                steps.add(new FabTimeline.Step(from, sim -> {
                    before[0] = sim.powerCapWatts();
                    sim.setPowerCap(Units.watts(p.capMw()));
                }));
                ends.add(new FabTimeline.Step(to, sim -> sim.setPowerCap(before[0])));
            }
        }
        // at one instant, a window ends before the next begins (the timeline keeps this order at equal offsets)
        ends.addAll(steps);
        return new FabTimeline(ends);
    }

    /** The last {@code count} tools of the group its own telemetry does not hold down, held DOWN now. */
    private static void takeDown(FabSimulation sim, FabDefinition fab, int g, int count, List<Integer> taken) {
        int first = sim.firstToolOf(g);
        for (int t = first + fab.toolGroups().get(g).tools() - 1; t >= first && taken.size() < count; t--) {
            if (!sim.overridden(t)) {
                sim.report(t, ToolReport.DOWN, sim.now());
                taken.add(t);
            }
        }
    }

    private static void bringBack(FabSimulation sim, List<Integer> taken) {
        for (int t : taken) {
            sim.report(t, ToolReport.UP, sim.now());
        }
        taken.clear();
    }

    /**
     * Sets one kind's factors ({@code kind}, one of the two arrays) to {@code values}, then each
     * stream's start rate factor to the wafer-starts factor times the priority-mix factor.
     */
    private static void setFactors(
            FabSimulation sim, double[] kind, double[] values, double[] startFactors, double[] mixFactors) {
        System.arraycopy(values, 0, kind, 0, kind.length);
        for (int r = 0; r < kind.length; r++) {
            sim.setStartRateFactor(r, startFactors[r] * mixFactors[r]);
        }
    }

    private static double[] ones(int n) {
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        return ones;
    }

    // ---- the fab's figures

    static int groupIndex(FabDefinition fab, String group) {
        List<ToolGroup> groups = fab.toolGroups();
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).name().equals(group)) {
                return g;
            }
        }
        return -1;
    }

    /** Tools are numbered group by group, in the definition's order. */
    static int firstTool(FabDefinition fab, int g) {
        int first = 0;
        for (int k = 0; k < g; k++) {
            first += fab.toolGroups().get(k).tools();
        }
        return first;
    }

    private static boolean ofProduct(FabDefinition fab, LotRelease release, String product) {
        return product == null || fab.products().get(release.product()).name().equals(product);
    }

    /** Wafers a second the definition starts of {@code product} ({@code null}: every product). */
    static double baseWafersPerSecond(FabDefinition fab, String product) {
        double rate = 0;
        for (LotRelease r : fab.releases()) {
            if (ofProduct(fab, r, product) && r.count() > 0) {
                rate += r.wafersPerLot() / r.interval().mean();
            }
        }
        return rate;
    }

    /** Per priority class, wafers a second the definition starts of product {@code p}. */
    private static double[] classWafersPerSecond(FabDefinition fab, int p) {
        double[] rates = new double[LotPriority.values().length];
        for (LotRelease r : fab.releases()) {
            if (r.product() == p && r.count() > 0) {
                rates[r.priority().ordinal()] += r.wafersPerLot() / r.interval().mean();
            }
        }
        return rates;
    }

    /** Per class, the share of starts the change asks for; regular lots take what hot and super-hot leave. */
    private static double[] targetShares(ScenarioChange.PriorityMix m, double[] base) {
        double total = Arrays.stream(base).sum();
        double hot = m.hotShare() != null ? m.hotShare() : base[LotPriority.HOT.ordinal()] / total;
        double superHot = m.superHotShare() != null ? m.superHotShare() : base[LotPriority.SUPER_HOT.ordinal()] / total;
        double[] target = new double[base.length];
        target[LotPriority.REGULAR.ordinal()] = 1 - hot - superHot;
        target[LotPriority.HOT.ordinal()] = hot;
        target[LotPriority.SUPER_HOT.ordinal()] = superHot;
        return target;
    }
}
