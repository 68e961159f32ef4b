package io.terafab.fab.definition;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.terafab.contract.Units;
import io.terafab.fab.simulation.Distribution;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The project's default fab, generated from the template in {@code terafab-fab.yaml}: a route of
 * front-end loops, metal-layer loops and a back end; tool groups of each kind with the fewest tools
 * that keep them at or below their kind's target utilization (productive share of all time, as
 * SEMI E10 counts it) at the start rate; breakdowns and staggered maintenance tiers per kind;
 * regular/hot/super-hot releases; and (for live mode) work in process spread along the route.
 */
public final class TerafabFab {

    /** The template on the class path. */
    public static final String RESOURCE = "/terafab-fab.yaml";

    /** A mean Gregorian month (365.2425 / 12 days), the unit of the start rate. */
    public static final double MEAN_MONTH_SECONDS = 2_629_746;

    /** SMT2020's processing times vary ±5 % around their mean (PTIME2 = 5 % of PTIME in its routes). */
    static final double PROCESSING_SPREAD = 0.05;

    private static final double MINUTE = 60;
    private static final double HOUR = 3_600;
    private static final double DAY = 86_400;

    private TerafabFab() {}

    /** The template as written in the YAML file. */
    public record Template(
            String name,
            int wafersPerLot,
            double hotLotShare,
            double superHotLotShare,
            Spread transport,
            double facilityMw,
            double initialWipCycleTimeFactor,
            Map<String, ToolKind> toolKinds,
            Map<String, StepKind> steps,
            int frontEndLoops,
            int euvFrontEndLoops,
            List<String> frontEndLoop,
            int metalLayers,
            int euvMetalLayers,
            List<String> metalLayer,
            List<String> backEnd) {}

    public record Spread(double meanMinutes, double halfWidthMinutes) {}

    public record ToolKind(
            String area,
            int groups,
            DispatchRule rule,
            double targetUtilization,
            double idleKw,
            double busyKw,
            double mttfHours,
            double mttrHours,
            List<Maintenance> pm,
            double loadMinutes,
            double unloadMinutes) {

        /** Share of time a tool is up: breakdowns and every maintenance tier taken out. */
        double availability() {
            double up = mttfHours / (mttfHours + mttrHours);
            for (Maintenance m : pm) {
                up -= m.hours() / (m.days() * 24);
            }
            return up;
        }
    }

    /** One tier of time-based preventive maintenance: {@code hours} down every {@code days}. */
    public record Maintenance(double days, double hours) {}

    /**
     * A kind of route step. A batch step also names {@code batchFillWafers}, the mean batch its tools
     * are sized for: a free tool starts as soon as the minimum has gathered, so batches run well
     * below the maximum, and sizing for a fuller batch would leave the tools over-loaded.
     */
    public record StepKind(
            String kind,
            double minutes,
            String basis,
            Double sampling,
            Integer batchMinWafers,
            Integer batchMaxWafers,
            Integer batchFillWafers,
            Double setupMinutes,
            Double reworkShare) {}

    /** Reads the template from the class path. */
    public static Template template() {
        try (InputStream in = TerafabFab.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return new ObjectMapper(new YAMLFactory())
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(in, Template.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * The fab for a product and a start rate.
     *
     * @param productName the product every lot is started as
     * @param waferStartsPerMonth wafers released per mean month
     * @param withInitialWip whether to pre-load the steady-state work in process (live mode) or start empty
     */
    public static FabDefinition build(Template t, String productName, int waferStartsPerMonth, boolean withInitialWip) {
        if (waferStartsPerMonth <= 0) {
            throw new IllegalArgumentException("wafer starts per month must be > 0, was " + waferStartsPerMonth);
        }
        int wafers = t.wafersPerLot();
        double lotsPerSecond = waferStartsPerMonth / MEAN_MONTH_SECONDS / wafers;

        // the route, with each step's kind, its loop's reticle and the kind's occurrence number
        List<RouteStepDraft> drafts = new ArrayList<>();
        for (int loop = 0; loop < t.frontEndLoops(); loop++) {
            addLoop(t, drafts, "fe" + (loop + 1), t.frontEndLoop(), loop < t.euvFrontEndLoops());
        }
        for (int layer = 0; layer < t.metalLayers(); layer++) {
            addLoop(t, drafts, "m" + (layer + 1), t.metalLayer(), layer < t.euvMetalLayers());
        }
        addLoop(t, drafts, "be", t.backEnd(), false);

        // tool groups: the kind's groups in order; a kind's steps go round-robin over its groups
        Map<String, Integer> firstGroupOfKind = new LinkedHashMap<>();
        Map<String, Integer> nextOfKind = new LinkedHashMap<>();
        List<String> groupKinds = new ArrayList<>();
        for (Map.Entry<String, ToolKind> kind : t.toolKinds().entrySet()) {
            firstGroupOfKind.put(kind.getKey(), groupKinds.size());
            nextOfKind.put(kind.getKey(), 0);
            for (int g = 0; g < kind.getValue().groups(); g++) {
                groupKinds.add(kind.getKey());
            }
        }
        double[] loadSeconds = new double[groupKinds.size()];
        List<RouteStep> route = new ArrayList<>();
        for (RouteStepDraft d : drafts) {
            StepKind step = d.step;
            ToolKind tool = kind(t, step.kind());
            int n = nextOfKind.merge(step.kind(), 1, Integer::sum) - 1;
            int group = firstGroupOfKind.get(step.kind()) + n % tool.groups();
            double seconds = step.minutes() * MINUTE;
            ProcessingBasis basis = switch (step.basis()) {
                case "wafer" -> ProcessingBasis.PER_WAFER;
                case "lot" -> ProcessingBasis.PER_LOT;
                case "batch" -> ProcessingBasis.PER_BATCH;
                default -> throw new IllegalArgumentException("step " + d.name + ": basis must be wafer, lot or batch");
            };
            int batchMin = basis == ProcessingBasis.PER_BATCH ? step.batchMinWafers() : 0;
            int batchMax = basis == ProcessingBasis.PER_BATCH ? step.batchMaxWafers() : 0;
            double batchFill = basis == ProcessingBasis.PER_BATCH ? batchFill(d.name, step) : 0;
            double sampling = step.sampling() == null ? 1 : step.sampling();
            double rework = step.reworkShare() == null ? 0 : step.reworkShare();
            double setup = step.setupMinutes() == null ? 0 : step.setupMinutes() * MINUTE;
            route.add(new RouteStep(
                    d.name,
                    group,
                    Distribution.uniform(seconds, seconds * PROCESSING_SPREAD),
                    basis,
                    batchMin,
                    batchMax,
                    0,
                    step.setupMinutes() == null ? null : d.reticle,
                    setup,
                    sampling,
                    rework,
                    rework > 0 ? route.size() : -1));
            // capacity a lot takes at this step: its share of a job, plus load and unload, plus a
            // setup for half the lots (reticles of several loops share a group), plus re-exposure
            double perLot = switch (basis) {
                case PER_WAFER -> seconds * wafers;
                case PER_LOT -> seconds;
                case PER_BATCH -> seconds * wafers / batchFill;
            };
            double jobsPerLot = basis == ProcessingBasis.PER_BATCH ? wafers / batchFill : 1;
            perLot += jobsPerLot * (tool.loadMinutes() + tool.unloadMinutes()) * MINUTE + setup / 2;
            loadSeconds[group] += lotsPerSecond * sampling * (1 + rework) * perLot;
        }

        List<ToolGroup> groups = new ArrayList<>();
        Map<String, List<Integer>> groupsOfKind = new LinkedHashMap<>();
        for (int g = 0; g < groupKinds.size(); g++) {
            String kindName = groupKinds.get(g);
            ToolKind kind = kind(t, kindName);
            if (!(kind.targetUtilization() > 0 && kind.targetUtilization() < kind.availability())) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "tool kind %s: target utilization %.3f"
                                + " must be in (0, %.3f), the share of time its tools are up",
                        kindName,
                        kind.targetUtilization(),
                        kind.availability()));
            }
            int tools = (int) Math.max(1, Math.ceil(loadSeconds[g] / kind.targetUtilization()));
            groups.add(new ToolGroup(
                    kindName + "-" + (g - firstGroupOfKind.get(kindName) + 1),
                    kind.area(),
                    tools,
                    kind.rule(),
                    kind.loadMinutes() * MINUTE,
                    kind.unloadMinutes() * MINUTE,
                    kind.idleKw() * 1_000,
                    kind.busyKw() * 1_000));
            groupsOfKind.computeIfAbsent(kindName, k -> new ArrayList<>()).add(g);
        }

        List<Downtime> downtimes = new ArrayList<>();
        groupsOfKind.forEach((kindName, kindGroups) -> {
            ToolKind kind = kind(t, kindName);
            downtimes.add(new Downtime(
                    kindName + "-breakdowns",
                    false,
                    kindGroups,
                    Distribution.exponential(kind.mttfHours() * HOUR),
                    Distribution.exponential(kind.mttfHours() * HOUR),
                    0,
                    0,
                    Distribution.exponential(kind.mttrHours() * HOUR)));
            // first maintenance spread uniformly over the interval, so a group's tools do not all stop at once
            for (int tier = 0; tier < kind.pm().size(); tier++) {
                Maintenance pm = kind.pm().get(tier);
                downtimes.add(new Downtime(
                        kindName + "-pm-" + (tier + 1),
                        true,
                        kindGroups,
                        Distribution.uniform(pm.days() * DAY / 2, pm.days() * DAY / 2),
                        Distribution.constant(pm.days() * DAY),
                        0,
                        0,
                        Distribution.uniform(pm.hours() * HOUR, pm.hours() * HOUR * 0.2)));
            }
        });

        Product product = new Product(productName, route);
        List<LotRelease> releases = new ArrayList<>();
        double regularShare = 1 - t.hotLotShare() - t.superHotLotShare();
        addRelease(releases, "LOT", LotPriority.REGULAR, regularShare, lotsPerSecond, wafers, 0);
        addRelease(releases, "HOT", LotPriority.HOT, t.hotLotShare(), lotsPerSecond, wafers, 0);
        addRelease(releases, "SHL", LotPriority.SUPER_HOT, t.superHotLotShare(), lotsPerSecond, wafers, 0);

        List<InitialLot> initial =
                withInitialWip ? initialWip(product, lotsPerSecond, wafers, t.initialWipCycleTimeFactor()) : List.of();

        return new FabDefinition(
                t.name(),
                groups,
                List.of(product),
                releases,
                initial,
                downtimes,
                Map.of(),
                Distribution.uniform(
                        t.transport().meanMinutes() * MINUTE, t.transport().halfWidthMinutes() * MINUTE),
                Units.watts(t.facilityMw()));
    }

    /** Lots spread evenly along the route's raw process time, each released as long ago as its progress implies. */
    private static List<InitialLot> initialWip(Product product, double lotsPerSecond, int wafers, double xFactor) {
        double raw = product.rawProcessSeconds(wafers);
        double cycleTime = raw * xFactor;
        int count = (int) Math.round(lotsPerSecond * cycleTime);
        List<RouteStep> route = product.route();
        double[] cumulative = new double[route.size() + 1];
        for (int s = 0; s < route.size(); s++) {
            RouteStep step = route.get(s);
            double time = step.processing().mean();
            cumulative[s + 1] = cumulative[s]
                    + step.samplingShare() * (step.basis() == ProcessingBasis.PER_WAFER ? time * wafers : time);
        }
        // the oldest lot first, so that names follow release order
        List<InitialLot> lots = new ArrayList<>(count);
        for (int k = count - 1; k >= 0; k--) {
            double progress = (k + 0.5) / count;
            lots.add(new InitialLot(
                    String.format("WIP-%08d", count - k),
                    0,
                    LotPriority.REGULAR,
                    wafers,
                    stepAt(cumulative, progress * raw),
                    progress * cycleTime));
        }
        return lots;
    }

    /** The step in whose share of the raw process time {@code target} falls. */
    private static int stepAt(double[] cumulative, double target) {
        int lo = 0;
        int hi = cumulative.length - 2;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid + 1] < target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static void addRelease(
            List<LotRelease> releases,
            String name,
            LotPriority priority,
            double share,
            double lotsPerSecond,
            int wafers,
            int product) {
        if (share <= 0) {
            return;
        }
        releases.add(new LotRelease(
                name,
                product,
                priority,
                wafers,
                0,
                Distribution.constant(1 / (lotsPerSecond * share)),
                Long.MAX_VALUE));
    }

    private static void addLoop(Template t, List<RouteStepDraft> drafts, String loop, List<String> steps, boolean euv) {
        for (String name : steps) {
            String stepName = "expose".equals(name) ? (euv ? "euvExpose" : "duvExpose") : name;
            StepKind step = t.steps().get(stepName);
            if (step == null) {
                throw new IllegalArgumentException("loop " + loop + " names an unknown step " + stepName);
            }
            drafts.add(new RouteStepDraft(loop + "-" + stepName, step, "reticle-" + loop));
        }
    }

    private static double batchFill(String stepName, StepKind step) {
        Integer min = step.batchMinWafers();
        Integer max = step.batchMaxWafers();
        Integer fill = step.batchFillWafers();
        if (min == null || max == null || fill == null || fill < min || fill > max || min <= 0) {
            throw new IllegalArgumentException("batch step " + stepName + " needs 0 < batchMinWafers <= batchFillWafers"
                    + " <= batchMaxWafers, was " + min + " / " + fill + " / " + max);
        }
        return fill;
    }

    private static ToolKind kind(Template t, String name) {
        ToolKind kind = t.toolKinds().get(name);
        if (kind == null) {
            throw new IllegalArgumentException("unknown tool kind " + name);
        }
        return kind;
    }

    private record RouteStepDraft(String name, StepKind step, String reticle) {}
}
