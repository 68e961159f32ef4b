package io.terafab.fab.domain;

import static io.terafab.fab.domain.ForecastFixtures.defaultFab;
import static io.terafab.fab.domain.ForecastFixtures.defaultYield;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.fab.definition.FabDefinition;
import io.terafab.fab.definition.LotPriority;
import io.terafab.fab.definition.LotRelease;
import io.terafab.fab.simulation.FabSimulation;
import io.terafab.platform.model.ModelRejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What-ifs forked from a live default fab: an empty scenario is the forecast's baseline exactly,
 * each change kind moves its figure the right way only from its window on, the live fab is left as
 * it was, and a scenario the fab cannot run is refused with its reason. Changes start in week 2, so
 * week 1 must be identical in both arms.
 */
class FabWhatIfTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final double WEEK_HOURS = 168;
    private static LiveFab live;
    private static FabForecaster.ForkPoint fork;

    @BeforeAll
    static void aLiveFab() {
        live = new LiveFab(defaultFab(), defaultYield(), ForecastFixtures.LINE_SCRAP, 42, Duration.ofDays(20));
        live.start(START);
        live.advance(START.plus(Duration.ofDays(1)));
        fork = live.forkPoint();
    }

    /** Nine days: week 1 before the change, then two days with it. */
    private static FabWhatIf.Result whatIf(int replications, ScenarioChange.Spec... changes) {
        return FabWhatIf.run(fork, Scenario.of(List.of(changes)), 9, replications, 7, 2);
    }

    @Test
    void anEmptyScenarioIsTheForecastsBaselineExactlyAndTheLiveFabIsUntouched() throws JsonProcessingException {
        LiveFabState before = live.state();

        FabWhatIf.Result result = FabWhatIf.run(fork, Scenario.NONE, 7, 2, 7, 2);

        assertThat(json(live.state())).isEqualTo(json(before));
        List<FabForecaster.Replication> forecast = FabForecaster.replicate(fork, 2, 1, 7, 1);
        for (int w = 0; w < 1; w++) {
            FabWhatIf.Week week = result.weeks().get(w);
            assertThat(week.wafersOut().scenario()).isEqualTo(week.wafersOut().baseline());
            assertThat(week.energyKwh().scenario()).isEqualTo(week.energyKwh().baseline());
            assertThat(week.wafersOut().difference()).isEqualTo(new FabForecaster.Band(0, 0, 0));
            int k = w;
            long[] forecastWafers =
                    forecast.stream().mapToLong(r -> r.wafersOut()[k]).toArray();
            assertThat(week.wafersOut().baseline()).isEqualTo(FabForecaster.Band.of(forecastWafers));
        }
        assertThat(result.total().wafersOut().baseline().p50()).isPositive();
        assertThat(result.total().energyKwh().baseline().p50()).isPositive();
        assertThat(result.cpuSeconds()).isPositive();
        assertThat(result.speedUp()).isPositive();
    }

    @Test
    void theSameScenarioTwiceGivesTheSameResult() {
        ScenarioChange.Spec cap = new ScenarioChange.Spec(
                ScenarioChange.FAB_POWER_CAP, null, null, null, null, null, null, null, 150.0, 30.0, 24.0);

        FabWhatIf.Result one = FabWhatIf.run(fork, Scenario.of(List.of(cap)), 4, 2, 3, 1);
        FabWhatIf.Result two = FabWhatIf.run(fork, Scenario.of(List.of(cap)), 4, 2, 3, 2);

        assertThat(two.weeks()).isEqualTo(one.weeks());
        assertThat(two.total()).isEqualTo(one.total());
    }

    /** The lots the scanners hold back leave the line days later: the wafers lost show in week 3. */
    @Test
    void scannersDownInWeekTwoLeaveWeekOneAndCutEnergyThereAndWaferOutsOverTheHorizon() {
        ScenarioChange.Spec down = new ScenarioChange.Spec(
                ScenarioChange.TOOLS_DOWN, "euv-1", 6, null, null, null, null, null, null, WEEK_HOURS, 72.0);

        FabWhatIf.Result result = FabWhatIf.run(fork, Scenario.of(List.of(down)), 21, 1, 7, 1);

        assertUnchangedInWeekOne(result);
        assertThat(result.weeks().get(1).energyKwh().difference().p90()).isNegative();
        assertThat(result.total().wafersOut().difference().p90()).isNegative();
        assertThat(live.tools("euv-1")).noneMatch(FabTool::overridden);
    }

    @Test
    void aPowerCapInWeekTwoCutsWaferOutsAndEnergyThere() {
        double drawMw = live.power().drawMw();
        ScenarioChange.Spec cap = new ScenarioChange.Spec(
                ScenarioChange.FAB_POWER_CAP, null, null, null, null, null, null, null, drawMw * 0.7, WEEK_HOURS, 48.0);

        FabWhatIf.Result result = whatIf(2, cap);

        assertUnchangedInWeekOne(result);
        FabWhatIf.Week week2 = result.weeks().get(1);
        assertThat(week2.wafersOut().difference().p90()).isNegative();
        // 48 h at no more than 70 % of today's draw: about 30 % of it less, give or take the draw's own swings
        assertThat(-week2.energyKwh().difference().p90()).isGreaterThan(drawMw * 1000 * 48 * 0.3 * 0.5);
    }

    @Test
    void waferStartsFollowTheirMultiplierOnlyInTheWindow() {
        ScenarioChange.Spec half = new ScenarioChange.Spec(
                ScenarioChange.WAFER_STARTS, null, null, null, 0.5, null, null, null, null, WEEK_HOURS, 36.0);
        ScenarioChange.Spec more = new ScenarioChange.Spec(
                ScenarioChange.WAFER_STARTS, null, null, null, 2.0, null, null, null, null, WEEK_HOURS, 36.0);

        FabWhatIf.Result fewer = whatIf(1, half);
        FabWhatIf.Result doubled = whatIf(1, more);

        assertUnchangedInWeekOne(fewer);
        assertUnchangedInWeekOne(doubled);
        // the release streams are regular: week 2's two days start as many wafers in both arms but for the window
        double starts = fewer.weeks().get(1).wafersStarted().baseline().p50();
        // 36 of the 48 h at half the rate: 3/8 fewer; at twice the rate: 3/4 more (give or take a lot)
        assertThat(fewer.weeks().get(1).wafersStarted().difference().p50())
                .isCloseTo(-starts * 3 / 8, org.assertj.core.data.Offset.offset(starts * 0.02));
        assertThat(doubled.weeks().get(1).wafersStarted().difference().p50())
                .isCloseTo(starts * 3 / 4, org.assertj.core.data.Offset.offset(starts * 0.02));
    }

    @Test
    void aPriorityMixReweightsTheReleaseStreamsAtTheSameTotalRateInItsWindow() {
        ScenarioChange.Spec mix = new ScenarioChange.Spec(
                ScenarioChange.PRIORITY_MIX, null, null, null, null, null, 0.2, 0.0, null, 24.0, 48.0);
        FabDefinition fab = fork.definition();
        FabTimeline timeline = Scenario.of(List.of(mix)).timeline(fab);

        long[] baseline = releasedAfter(FabTimeline.NONE, 96);
        long[] changed = releasedAfter(timeline, 96);
        long[] beforeWindow = releasedAfter(timeline, 24);
        long[] baselineBeforeWindow = releasedAfter(FabTimeline.NONE, 24);

        assertThat(beforeWindow).containsExactly(baselineBeforeWindow);
        int regular = streamOf(fab, LotPriority.REGULAR);
        int hot = streamOf(fab, LotPriority.HOT);
        int superHot = streamOf(fab, LotPriority.SUPER_HOT);
        double lotsPerDay = 0;
        for (int r = 0; r < baseline.length; r++) {
            lotsPerDay += (baseline[r] - baselineBeforeWindow[r]) / 3.0;
        }
        // 2 of the 3 days at 20 % hot instead of 3 %, and no super-hot lots instead of 0.2 %: regular lots
        // 80 % instead of 96.8 %. The hot stream's first faster release waits for the one already due (at
        // most one interval at 3 %, about 6 h: up to 7 lots fewer)
        long hotMore = Math.round(lotsPerDay * 2 * 0.17);
        assertThat(changed[hot] - baseline[hot]).isBetween(hotMore - 8, hotMore + 2);
        assertThat(changed[regular] - baseline[regular]).isCloseTo(-Math.round(lotsPerDay * 2 * 0.168), withinLots(3));
        assertThat(changed[superHot]).isLessThanOrEqualTo(baseline[superHot]);
    }

    /** The whole state, every array element by element, as its snapshot would write it. */
    private static String json(LiveFabState state) throws JsonProcessingException {
        return new ObjectMapper().findAndRegisterModules().writeValueAsString(state);
    }

    private static org.assertj.core.data.Offset<Long> withinLots(long lots) {
        return org.assertj.core.data.Offset.offset(lots);
    }

    private static int streamOf(FabDefinition fab, LotPriority priority) {
        List<LotRelease> releases = fab.releases();
        for (int r = 0; r < releases.size(); r++) {
            if (releases.get(r).priority() == priority) {
                return r;
            }
        }
        throw new AssertionError("no " + priority + " stream");
    }

    /** Lots released per stream after {@code hours} from the fork, the timeline applied as a replication applies it. */
    private static long[] releasedAfter(FabTimeline timeline, double hours) {
        FabDefinition d = fork.definition();
        FabSimulation sim = new FabSimulation(
                new FabDefinition(
                        d.name(),
                        d.toolGroups(),
                        d.products(),
                        d.releases(),
                        List.of(),
                        d.downtimes(),
                        d.setupSeconds(),
                        d.transport(),
                        d.facilityWatts()),
                fork.lineScrapShare(),
                5);
        sim.restore(fork.state());
        sim.reseed(5);
        double start = sim.now();
        for (FabTimeline.Step step : timeline.steps()) {
            if (step.offsetSeconds() < hours * 3600) {
                sim.runUntil(start + step.offsetSeconds());
                step.action().accept(sim);
            }
        }
        sim.runUntil(start + hours * 3600);
        return sim.state().released();
    }

    private static void assertUnchangedInWeekOne(FabWhatIf.Result result) {
        FabWhatIf.Week week1 = result.weeks().get(0);
        assertThat(week1.wafersOut().difference()).isEqualTo(new FabForecaster.Band(0, 0, 0));
        assertThat(week1.wafersStarted().difference()).isEqualTo(new FabForecaster.Band(0, 0, 0));
        assertThat(week1.energyKwh().difference()).isEqualTo(new FabForecaster.Band(0, 0, 0));
    }

    @Test
    void scenariosTheFabCannotRunAreRefusedWithTheirReason() {
        assertRefused(
                "no tool group euv-9",
                new ScenarioChange.Spec(
                        ScenarioChange.TOOLS_DOWN, "euv-9", 1, null, null, null, null, null, null, 0.0, 1.0));
        assertRefused(
                "count must be 1 to",
                new ScenarioChange.Spec(
                        ScenarioChange.TOOLS_DOWN, "euv-1", -2, null, null, null, null, null, null, 0.0, 1.0));
        assertRefused(
                "durationHours must be > 0",
                new ScenarioChange.Spec(
                        ScenarioChange.FAB_POWER_CAP, null, null, null, null, null, null, null, 100.0, 0.0, 0.0));
        assertRefused(
                "startHours must be within the horizon",
                new ScenarioChange.Spec(
                        ScenarioChange.FAB_POWER_CAP, null, null, null, null, null, null, null, 100.0, 400.0, 1.0));
        assertRefused(
                "exactly one of multiplier and wafersPerDay",
                new ScenarioChange.Spec(
                        ScenarioChange.WAFER_STARTS, null, null, null, 2.0, 100.0, null, null, null, 0.0, 1.0));
        assertRefused(
                "no product TFA-9",
                new ScenarioChange.Spec(
                        ScenarioChange.WAFER_STARTS, null, null, "TFA-9", 2.0, null, null, null, null, 0.0, 1.0));
        assertRefused(
                "add up to more than 1",
                new ScenarioChange.Spec(
                        ScenarioChange.PRIORITY_MIX, null, null, null, null, null, 0.8, 0.5, null, 0.0, 1.0));
        assertRefused(
                "unknown change kind 'solar'",
                new ScenarioChange.Spec("solar", null, null, null, null, null, null, null, null, 0.0, 1.0));
        assertRefused(
                "change 2 (fab-power-cap): overlaps change 1",
                new ScenarioChange.Spec(
                        ScenarioChange.FAB_POWER_CAP, null, null, null, null, null, null, null, 100.0, 0.0, 10.0),
                new ScenarioChange.Spec(
                        ScenarioChange.FAB_POWER_CAP, null, null, null, null, null, null, null, 90.0, 5.0, 10.0));
        assertThatThrownBy(() -> FabWhatIf.run(fork, Scenario.NONE, 92, 2, 1, 1))
                .isInstanceOf(ModelRejection.class)
                .hasMessageContaining("horizonDays must be 1 to 91");
        assertThatThrownBy(() -> FabWhatIf.run(fork, Scenario.NONE, 7, 21, 1, 1))
                .isInstanceOf(ModelRejection.class)
                .hasMessageContaining("replications must be 1 to 20");
        // the same group at different times, and different groups at the same time, are fine
        Scenario.of(List.of(
                        new ScenarioChange.Spec(
                                ScenarioChange.TOOLS_DOWN, "euv-1", 1, null, null, null, null, null, null, 0.0, 5.0),
                        new ScenarioChange.Spec(
                                ScenarioChange.TOOLS_DOWN, "euv-1", 1, null, null, null, null, null, null, 5.0, 5.0),
                        new ScenarioChange.Spec(
                                ScenarioChange.TOOLS_DOWN, "euv-2", 1, null, null, null, null, null, null, 0.0, 5.0)))
                .validate(fork.definition(), 24);
    }

    private static void assertRefused(String reason, ScenarioChange.Spec... changes) {
        assertThatThrownBy(() -> Scenario.of(List.of(changes)).validate(fork.definition(), 14 * 24))
                .isInstanceOf(ModelRejection.class)
                .hasMessageContaining(reason);
    }
}
