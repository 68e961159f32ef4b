package io.terafab.fab.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.terafab.fab.simulation.FabSimulation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TerafabFabTest {

    private static final double DAY = 86_400;

    /**
     * The default fab at its default rate, run for eight months from its pre-loaded work in process;
     * after a two-month warm-up, work in process is sampled every hour and every lot out is counted.
     */
    private static final int DEFAULT_STARTS = 100_000;

    private static final double WARM_UP = 60 * DAY;
    private static final double RUN = 240 * DAY;
    private static final double SAMPLE = 3_600;
    private static FabDefinition defaultFab;
    private static FabSimulation defaultRun;
    private static double wipArea;
    private static long lotsOut;
    private static double cycleTimeSum;
    private static long regularLotsOut;
    private static double regularCycleTimeSum;

    @BeforeAll
    static void runTheDefaultFabForEightMonths() {
        defaultFab = TerafabFab.build(TerafabFab.template(), "TFA-1", DEFAULT_STARTS, true);
        defaultRun = new FabSimulation(defaultFab, 0, 42);
        defaultRun.onFinished(lot -> {
            if (lot.finishedAt() <= WARM_UP) {
                return;
            }
            lotsOut++;
            cycleTimeSum += lot.cycleTimeSeconds();
            if (!lot.initialWip() && lot.priority() == LotPriority.REGULAR) {
                regularLotsOut++;
                regularCycleTimeSum += lot.cycleTimeSeconds();
            }
        });
        defaultRun.runUntil(WARM_UP);
        for (double t = WARM_UP + SAMPLE; t <= RUN; t += SAMPLE) {
            defaultRun.runUntil(t);
            wipArea += defaultRun.totals().lotsInProcess() * SAMPLE;
            assertThat(defaultRun.conserved())
                    .as("wafers conserved at %.0f s", t)
                    .isTrue();
        }
    }

    @Test
    void theDefaultFabIsOfSmt2020Scale() {
        FabDefinition fab = TerafabFab.build(TerafabFab.template(), "TFA-1", DEFAULT_STARTS, false);

        assertThat(fab.toolGroups()).hasSizeBetween(90, 110);
        assertThat(fab.totalTools()).isBetween(800, 1_300);
        assertThat(fab.products().get(0).route()).hasSizeBetween(300, 500);
        assertThat(fab.toolGroups().stream().filter(TerafabFabTest::isEuv).mapToDouble(ToolGroup::busyWatts))
                .as("an EUV scanner draws about 1 MW busy")
                .allMatch(w -> w == 1_000_000);
        // re-entrant: the route visits the EUV groups many times
        long euvVisits = fab.products().get(0).route().stream()
                .filter(s -> isEuv(fab.toolGroups().get(s.toolGroup())))
                .count();
        assertThat(euvVisits).isEqualTo(16);
        assertThat(fab.initialWip()).isEmpty();
    }

    @Test
    void theStartRateSizesTheFabAndReleasesItsWafers() {
        FabDefinition small = TerafabFab.build(TerafabFab.template(), "TFA-1", 20_000, false);
        FabDefinition large = TerafabFab.build(TerafabFab.template(), "TFA-1", DEFAULT_STARTS, false);
        assertThat(large.totalTools()).isGreaterThan(3 * small.totalTools());

        double lotsPerMonth = large.releases().stream()
                .mapToDouble(r -> TerafabFab.MEAN_MONTH_SECONDS / r.interval().mean())
                .sum();
        assertThat(lotsPerMonth * 25).isCloseTo(DEFAULT_STARTS, withinPercentage(0.01));
    }

    /**
     * The EUV scanners are the designed bottleneck: every EUV group is more utilized (productive
     * share of all time, SEMI E10) than any other group of the fab, as the template sizes them.
     */
    @Test
    void theEuvScannersAreTheBottleneckOfTheDefaultFab() {
        List<ToolGroup> groups = defaultFab.toolGroups();
        double leastUtilizedEuv = IntStream.range(0, groups.size())
                .filter(g -> isEuv(groups.get(g)))
                .mapToDouble(defaultRun::utilization)
                .min()
                .orElseThrow();
        double mostUtilizedOther = IntStream.range(0, groups.size())
                .filter(g -> !isEuv(groups.get(g)))
                .mapToDouble(defaultRun::utilization)
                .max()
                .orElseThrow();

        assertThat(leastUtilizedEuv)
                .as("the least utilized EUV group")
                .isGreaterThan(mostUtilizedOther)
                .isBetween(0.75, 0.90);
        assertThat(groups.stream().filter(TerafabFabTest::isEuv).map(ToolGroup::area))
                .containsOnly("litho");
    }

    /**
     * Regular lots take about 2.9 times their raw process time, as the README says: 2.8 to 3.0. Real
     * fabs report an x-factor of 2.5 to 3 (SMT2020 HV/LM runs at 2.8 to 2.9 on this engine); six
     * months of seeds 1, 2, 3 and 42 gave 2.94, 2.87, 2.91 and 2.91. Below the band the fab's queues
     * would be those of a less loaded line (the default fab ran at 1.4 before its maintenance and
     * loading were made realistic); above, a more loaded one.
     */
    @Test
    void regularLotsRunAtTheXFactorTheReadmeStates() {
        double raw = defaultFab.products().get(0).rawProcessSeconds(25);
        double xFactor = regularCycleTimeSum / regularLotsOut / raw;

        assertThat(regularLotsOut).as("regular lots out after the warm-up").isGreaterThan(10_000);
        assertThat(xFactor).as("x-factor of regular lots").isBetween(2.8, 3.0);
    }

    /** Little's law on the default fab: time-averaged work in process = throughput × mean cycle time, within 3 %. */
    @Test
    void littlesLawHoldsOnTheDefaultFab() {
        double window = RUN - WARM_UP;
        double meanWip = wipArea / window;
        double throughput = lotsOut / window;
        double meanCycleTime = cycleTimeSum / lotsOut;

        assertThat(meanWip).isCloseTo(throughput * meanCycleTime, withinPercentage(3));
    }

    @Test
    void aTargetUtilizationTheToolsCannotReachIsRefused() {
        TerafabFab.Template template = TerafabFab.template();
        Map<String, TerafabFab.ToolKind> kinds = new LinkedHashMap<>(template.toolKinds());
        TerafabFab.ToolKind euv = kinds.get("euv");
        // up 0.934 of the time between breakdowns, less about 0.07 of maintenance: 0.9 is out of reach
        kinds.put(
                "euv",
                new TerafabFab.ToolKind(
                        euv.area(),
                        euv.groups(),
                        euv.rule(),
                        0.9,
                        euv.idleKw(),
                        euv.busyKw(),
                        euv.mttfHours(),
                        euv.mttrHours(),
                        euv.pm(),
                        euv.loadMinutes(),
                        euv.unloadMinutes()));

        assertThatThrownBy(() -> TerafabFab.build(withToolKinds(template, kinds), "TFA-1", DEFAULT_STARTS, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tool kind euv: target utilization 0.900 must be in (0, 0.864)");
    }

    @Test
    void aBatchStepWithoutTheFillItIsSizedForIsRefused() {
        TerafabFab.Template template = TerafabFab.template();
        Map<String, TerafabFab.StepKind> steps = new LinkedHashMap<>(template.steps());
        TerafabFab.StepKind oxidation = steps.get("oxidation");
        steps.put(
                "oxidation",
                new TerafabFab.StepKind(
                        oxidation.kind(),
                        oxidation.minutes(),
                        oxidation.basis(),
                        null,
                        oxidation.batchMinWafers(),
                        oxidation.batchMaxWafers(),
                        null,
                        null,
                        null));

        assertThatThrownBy(() -> TerafabFab.build(withSteps(template, steps), "TFA-1", DEFAULT_STARTS, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "batch step fe1-oxidation needs 0 < batchMinWafers <= batchFillWafers <= batchMaxWafers");
    }

    private static boolean isEuv(ToolGroup group) {
        return group.name().startsWith("euv-");
    }

    private static TerafabFab.Template withToolKinds(TerafabFab.Template t, Map<String, TerafabFab.ToolKind> kinds) {
        return new TerafabFab.Template(
                t.name(),
                t.wafersPerLot(),
                t.hotLotShare(),
                t.superHotLotShare(),
                t.transport(),
                t.facilityMw(),
                t.initialWipCycleTimeFactor(),
                kinds,
                t.steps(),
                t.frontEndLoops(),
                t.euvFrontEndLoops(),
                t.frontEndLoop(),
                t.metalLayers(),
                t.euvMetalLayers(),
                t.metalLayer(),
                t.backEnd());
    }

    private static TerafabFab.Template withSteps(TerafabFab.Template t, Map<String, TerafabFab.StepKind> steps) {
        return new TerafabFab.Template(
                t.name(),
                t.wafersPerLot(),
                t.hotLotShare(),
                t.superHotLotShare(),
                t.transport(),
                t.facilityMw(),
                t.initialWipCycleTimeFactor(),
                t.toolKinds(),
                steps,
                t.frontEndLoops(),
                t.euvFrontEndLoops(),
                t.frontEndLoop(),
                t.metalLayers(),
                t.euvMetalLayers(),
                t.metalLayer(),
                t.backEnd());
    }
}
