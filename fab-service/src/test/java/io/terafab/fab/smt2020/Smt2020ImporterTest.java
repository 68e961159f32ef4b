package io.terafab.fab.smt2020;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.terafab.fab.definition.DispatchRule;
import io.terafab.fab.definition.Downtime;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.InitialLot;
import io.terafab.fab.definition.LotPriority;
import io.terafab.fab.definition.LotRelease;
import io.terafab.fab.definition.ProcessingBasis;
import io.terafab.fab.definition.RouteStep;
import io.terafab.fab.simulation.CycleTimeStatistics;
import io.terafab.fab.simulation.Distribution;
import io.terafab.fab.simulation.FabSimulation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer on the project's own small fixture in the SMT2020 format (src/test/resources/smt2020-mini). */
class Smt2020ImporterTest {

    static Path fixture() {
        try {
            return Path.of(Smt2020ImporterTest.class
                            .getResource("/smt2020-mini/tool.txt.1l")
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private final FabDefinition fab = Smt2020Importer.read(fixture());

    @Test
    void toolGroupsKeepTheirCountsRulesAreasAndLoadTimes() {
        assertThat(fab.toolGroups())
                .extracting(g -> g.name())
                .containsExactly("Furnace_1", "Scanner_1", "Implanter_1", "Metro_1");
        assertThat(fab.totalTools()).isEqualTo(7);
        assertThat(fab.toolGroups().get(0).area()).isEqualTo("Diffusion");
        assertThat(fab.toolGroups().get(0).rule()).isEqualTo(DispatchRule.HOT_LOT_FIRST);
        assertThat(fab.toolGroups().get(2).rule())
                .as("rule_LSSU ranks hot lots first too")
                .isEqualTo(DispatchRule.HOT_LOT_FIRST);
        assertThat(fab.toolGroups().get(3).rule()).isEqualTo(DispatchRule.FIFO);
        assertThat(fab.toolGroups().get(2).loadSeconds()).isEqualTo(30);
    }

    @Test
    void routesMapEveryColumnTheModelUses() {
        RouteStep oxide = fab.products().get(0).route().get(0);
        assertThat(oxide.toolGroup())
                .as("tool group names match whatever their case")
                .isEqualTo(0);
        assertThat(oxide.basis()).isEqualTo(ProcessingBasis.PER_BATCH);
        assertThat(oxide.batchMinWafers()).isEqualTo(50);
        assertThat(oxide.batchMaxWafers()).isEqualTo(100);
        assertThat(oxide.processing()).isEqualTo(Distribution.uniform(18_000, 900));

        RouteStep expose = fab.products().get(0).route().get(1);
        assertThat(expose.basis()).isEqualTo(ProcessingBasis.PER_WAFER);
        assertThat(expose.setup()).isEqualTo("RET_A");
        assertThat(expose.setupSeconds()).isEqualTo(480);

        RouteStep overlay = fab.products().get(0).route().get(2);
        assertThat(overlay.samplingShare()).isEqualTo(0.5);
        assertThat(overlay.reworkShare()).isCloseTo(0.05, within(1e-12));
        assertThat(overlay.reworkToStep()).as("RWKSTEP 2 is the second step").isEqualTo(1);

        RouteStep implant = fab.products().get(0).route().get(3);
        assertThat(implant.cascadeSeconds()).as("PartInterval").isEqualTo(45);
        assertThat(implant.setupSeconds()).as("looked up in setup.txt").isNegative();
        RouteStep anneal = fab.products().get(1).route().get(2);
        assertThat(anneal.cascadeSeconds()).as("BatchInterval").isEqualTo(3_600);
    }

    @Test
    void releasesWipDowntimesSetupsAndTransportAreRead() {
        assertThat(fab.releases())
                .extracting(LotRelease::priority)
                .containsExactly(LotPriority.REGULAR, LotPriority.REGULAR, LotPriority.HOT, LotPriority.SUPER_HOT);
        LotRelease hot = fab.releases().get(2);
        assertThat(hot.firstAtSeconds())
                .as("06:00, after the earliest start of all orders and WIP (12/31 00:00)")
                .isEqualTo(30 * 3_600);
        assertThat(hot.interval()).isEqualTo(Distribution.constant(86_400));
        assertThat(hot.count()).isEqualTo(100);
        assertThat(fab.releases().get(3).interval()).isEqualTo(Distribution.constant(5 * 86_400));

        assertThat(fab.initialWip())
                .extracting(InitialLot::name, InitialLot::step, InitialLot::priority)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Init_a_1", 2, LotPriority.REGULAR),
                        org.assertj.core.groups.Tuple.tuple("Init_b_1", 1, LotPriority.HOT));
        assertThat(fab.initialWip().get(1).startedSecondsAgo()).isEqualTo(-86_400);

        assertThat(fab.downtimes())
                .extracting(Downtime::name, Downtime::maintenance)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("BREAK_Litho", false),
                        org.assertj.core.groups.Tuple.tuple("Furnace_1_MN", true),
                        org.assertj.core.groups.Tuple.tuple("Implanter_1_WK", true));
        Downtime breakdown = fab.downtimes().get(0);
        assertThat(breakdown.toolGroups())
                .as("attached by area Litho: the scanners only")
                .containsExactly(1);
        assertThat(breakdown.between()).isEqualTo(Distribution.exponential(172_800));
        assertThat(breakdown.duration()).isEqualTo(Distribution.exponential(7_200));
        Downtime weekly = fab.downtimes().get(2);
        assertThat(weekly.firstAfterWafers()).isEqualTo(400);
        assertThat(weekly.betweenWafers()).isEqualTo(500);
        assertThat(fab.downtimes().get(1).between()).isEqualTo(Distribution.constant(7 * 86_400));

        assertThat(fab.setupSeconds()).containsEntry("*->SU_1", 1_800.0).containsEntry("SU_1->SU_2", 1_200.0);
        assertThat(fab.transport()).isEqualTo(Distribution.uniform(450, 150));
    }

    @Test
    void theImportedFabRunsConservesWafersAndReportsCycleTimes() {
        FabSimulation simulation = new FabSimulation(fab, 0, 5);
        CycleTimeStatistics cycleTimes = new CycleTimeStatistics(0);
        simulation.onFinished(cycleTimes);

        simulation.runUntil(60 * 86_400);

        assertThat(simulation.conserved()).isTrue();
        assertThat(cycleTimes.meanDaysByProduct()).containsKeys("part_a", "part_b");
        assertThat(cycleTimes.meanDaysByClass()).containsKeys("regular", "hot", "superhot");
        assertThat(simulation.totals().lotsOut()).isGreaterThan(500);
    }

    @Test
    void aRouteNamingAnUnknownToolGroupIsRefusedWithFileAndLine(@TempDir Path dir) throws IOException {
        for (String file : new String[] {"tool.txt.1l", "part.txt", "route_a.txt", "route_b.txt"}) {
            Files.copy(fixture().resolve(file), dir.resolve(file));
        }
        Files.writeString(
                dir.resolve("route_b.txt"),
                Files.readString(dir.resolve("route_b.txt")).replace("Implanter_1", "Implanter_9"));

        assertThatThrownBy(() -> Smt2020Importer.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route_b.txt line 3: unknown tool group implanter_9");
    }
}
