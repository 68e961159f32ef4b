package io.terafab.fab.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.terafab.fab.simulation.FabSimulation;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TerafabFabTest {

    private static final double DAY = 86_400;

    @Test
    void theDefaultFabIsOfSmt2020Scale() {
        FabDefinition fab = TerafabFab.build(TerafabFab.template(), "TFA-1", 100_000, false);

        assertThat(fab.toolGroups()).hasSizeBetween(90, 110);
        assertThat(fab.totalTools()).isBetween(800, 1_300);
        assertThat(fab.products().get(0).route()).hasSizeBetween(300, 500);
        assertThat(fab.toolGroups().stream().filter(g -> g.name().startsWith("euv")).mapToDouble(ToolGroup::busyWatts))
                .as("an EUV scanner draws about 1 MW busy").allMatch(w -> w == 1_000_000);
        // re-entrant: the route visits the EUV groups many times
        long euvVisits = fab.products().get(0).route().stream()
                .filter(s -> fab.toolGroups().get(s.toolGroup()).name().startsWith("euv")).count();
        assertThat(euvVisits).isEqualTo(16);
        assertThat(fab.initialWip()).isEmpty();
    }

    @Test
    void theStartRateSizesTheFabAndReleasesItsWafers() {
        FabDefinition small = TerafabFab.build(TerafabFab.template(), "TFA-1", 20_000, false);
        FabDefinition large = TerafabFab.build(TerafabFab.template(), "TFA-1", 100_000, false);
        assertThat(large.totalTools()).isGreaterThan(3 * small.totalTools());

        double lotsPerMonth = large.releases().stream()
                .mapToDouble(r -> TerafabFab.MEAN_MONTH_SECONDS / r.interval().mean()).sum();
        assertThat(lotsPerMonth * 25).isCloseTo(100_000, withinPercentage(0.01));
    }

    /**
     * Little's law on a long run of the default fab (at 20k wafers a month to keep the test quick):
     * time-averaged work in process = throughput × mean cycle time, within 3 %, and the EUV
     * scanners are the most utilized groups (the designed bottleneck).
     */
    @Test
    void littlesLawHoldsAndEuvIsTheBottleneck() {
        FabDefinition fab = TerafabFab.build(TerafabFab.template(), "TFA-1", 20_000, false);
        FabSimulation simulation = new FabSimulation(fab, 0, 21);
        double from = 60 * DAY;
        double to = 360 * DAY;
        double[] lots = new double[2]; // lots finished in the window, sum of their cycle times
        simulation.onFinished(lot -> {
            if (lot.finishedAt() > from) {
                lots[0]++;
                lots[1] += lot.cycleTimeSeconds();
            }
        });
        simulation.runUntil(from);
        double wipArea = 0;
        double step = 3_600;
        for (double t = from + step; t <= to; t += step) {
            simulation.runUntil(t);
            wipArea += simulation.lotsInProcess() * step;
            assertThat(simulation.conserved()).as("at %.0f s", t).isTrue();
        }
        double meanWip = wipArea / (to - from);
        double throughput = lots[0] / (to - from);
        double meanCycleTime = lots[1] / lots[0];

        assertThat(meanWip).isCloseTo(throughput * meanCycleTime, withinPercentage(3));
        int mostUtilized = IntStream.range(0, fab.toolGroups().size()).boxed()
                .max(Comparator.comparingDouble(simulation::utilization)).orElseThrow();
        assertThat(fab.toolGroups().get(mostUtilized).area()).isIn("litho", "diffusion");
    }
}
