package io.terafab.fab.domain;

import static io.terafab.fab.domain.DefaultSettings.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FabLineTest {

    /** Advances in ticks of {@code tick}, each at the speed the line's power allows at the tick's start. */
    private static List<WaferOut> run(FabLine line, Duration span, Duration tick) {
        List<WaferOut> out = new ArrayList<>();
        Instant end = line.now().orElseThrow().plus(span);
        while (line.now().orElseThrow().isBefore(end)) {
            Instant next = line.now().orElseThrow().plus(tick);
            out.addAll(line.advance(next.isAfter(end) ? end : next, line.power().speedFactor()));
        }
        return out;
    }

    private static PowerBudget budget(double capMw) {
        return new PowerBudget(capMw, T0, T0.plus(Duration.ofMinutes(15)));
    }

    @Test
    void startPreloadsTheSteadyStateWipSpreadEvenlyAlongTheCycleTime() {
        FabLine line = new FabLine(DefaultSettings.defaults());

        assertThat(line.start(T0)).isTrue();

        int expectedLots = (int) Math.round(DefaultSettings.defaults().steadyStateWipWafers() / 25);
        assertThat(line.lotsInProcess()).isEqualTo(expectedLots).isEqualTo(5914);
        assertThat(line.wafersStarted()).as("pre-loaded wafers count as started").isEqualTo(expectedLots * 25L);
        assertThat(line.wafersInProcess()).isEqualTo(line.wafersStarted());
        assertThat(line.conserved()).isTrue();
        List<LotProgress> lots = line.lots(Integer.MAX_VALUE);
        assertThat(lots.get(0).lotId()).isEqualTo("LOT-00000001");
        assertThat(lots.get(0).progress()).isCloseTo(1 - 0.5 / expectedLots, within(1e-12));
        assertThat(lots.get(expectedLots - 1).progress()).isCloseTo(0.5 / expectedLots, within(1e-12));
        for (int i = 1; i < lots.size(); i++) {
            assertThat(lots.get(i - 1).progress() - lots.get(i).progress()).isCloseTo(1.0 / expectedLots, within(1e-12));
        }
        // a lot's release time is where its progress puts it along the cycle time
        LotProgress oldest = lots.get(0);
        assertThat(Duration.between(oldest.startedAt(), T0).toNanos() / 1e9)
                .isCloseTo(oldest.progress() * Duration.ofDays(45).toSeconds(), within(1e-3));
    }

    @Test
    void thePreloadedLineYieldsWaferOutsAtOnce() {
        FabLine line = DefaultSettings.startedLine();

        List<WaferOut> firstHour = line.advance(T0.plus(Duration.ofHours(1)), 1.0);

        assertThat(firstHour).isNotEmpty();
        assertThat(firstHour.get(0).lotId()).isEqualTo("LOT-00000001");
        assertThat(firstHour).allSatisfy(out -> {
            assertThat(out.finishedAt()).isAfter(T0).isBeforeOrEqualTo(T0.plus(Duration.ofHours(1)));
            assertThat(Duration.between(out.startedAt(), out.finishedAt()).toSeconds())
                    .isCloseTo(Duration.ofDays(45).toSeconds(), within(1L));
        });
    }

    @Test
    void startingTwiceOrAfterARestoreDoesNotPreloadAgain() {
        FabLine line = DefaultSettings.startedLine();
        FabState before = line.state();

        assertThat(line.start(T0.plus(Duration.ofDays(1)))).isFalse();
        assertThat(line.state()).isEqualTo(before);

        FabLine restored = new FabLine(DefaultSettings.defaults());
        restored.restore(before);
        assertThat(restored.start(T0.plus(Duration.ofDays(1)))).isFalse();
        assertThat(restored.state()).isEqualTo(before);
    }

    @Test
    void aLineThatWasNeverStartedCannotAdvance() {
        FabLine line = new FabLine(DefaultSettings.defaults());

        assertThatThrownBy(() -> line.advance(T0, 1.0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSpeedFactorOutsideZeroToOneIsRefusedAndChangesNothing() {
        FabLine line = DefaultSettings.startedLine();
        FabState before = line.state();

        assertThatThrownBy(() -> line.advance(T0.plus(Duration.ofHours(1)), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> line.advance(T0.plus(Duration.ofHours(1)), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(line.state()).isEqualTo(before);
    }

    @Test
    void advancingToThePastOrToNowChangesNothing() {
        FabLine line = DefaultSettings.startedLine();
        line.advance(T0.plus(Duration.ofHours(5)), 1.0);
        FabState before = line.state();

        assertThat(line.advance(T0.plus(Duration.ofHours(5)), 1.0)).isEmpty();
        assertThat(line.advance(T0, 1.0)).isEmpty();
        assertThat(line.state()).isEqualTo(before);
    }

    @Test
    void anUncappedLineHoldsItsStartRateAndCycleTime() {
        FabLine line = DefaultSettings.startedLine();
        long preloaded = line.wafersStarted();

        run(line, Duration.ofDays(120), Duration.ofHours(6));

        double months = 120 / 30.436875;
        assertThat(line.wafersStarted() - preloaded).isCloseTo(Math.round(100_000 * months), within(25L));
        assertThat(line.meanCycleTime().orElseThrow().toSeconds())
                .isCloseTo(Duration.ofDays(45).toSeconds(), within(1L));
        assertThat((double) line.wafersInProcess())
                .isCloseTo(DefaultSettings.defaults().steadyStateWipWafers(), within(50.0));
        assertThat(line.wafersOut() + line.wafersScrapped())
                .as("after the pre-load's cycle the line turns out what it starts")
                .isCloseTo(Math.round(100_000 * months), within(50L));
    }

    @Test
    void goodDiesAreSplitByBinSharesWithTheRemainderInTheLastBin() {
        FabLine line = DefaultSettings.startedLine();

        // 25 wafers × 64 dies × 0.6 = 960 good dies
        assertThat(line.goodDiesByBin(25)).containsExactly(Map.entry("bin1", 240), Map.entry("bin2", 480),
                Map.entry("bin3", 240));

        FabLine uneven = new FabLine(new FabLineSettings("TFA-1", List.of("fast", "mid", "slow"),
                List.of(0.3, 0.3, 0.4), 100_000, 25, Duration.ofDays(45), 65, 0.6, 0.01, 250, 0.4,
                Duration.ofHours(1), 42));
        // 25 × 65 × 0.6 = 975: floor(292.5) twice, the remaining 391 to the last bin
        assertThat(uneven.goodDiesByBin(25)).containsExactly(Map.entry("fast", 292), Map.entry("mid", 292),
                Map.entry("slow", 391));
    }

    @Test
    void everyWaferOutCarriesItsLotsGoodDies() {
        FabLine line = DefaultSettings.startedLine();

        List<WaferOut> outs = line.advance(T0.plus(Duration.ofDays(2)), 1.0);

        assertThat(outs).isNotEmpty().allSatisfy(out -> {
            assertThat(out.lotId()).matches("LOT-\\d{8}");
            assertThat(out.product()).isEqualTo("TFA-1");
            assertThat(out.wafers()).isEqualTo(25);
            assertThat(out.goodDiesByBin().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(960);
        });
    }

    @Test
    void aboutTheScrapRateOfLotsIsScrappedAtTheEndOfTheLine() {
        FabLine line = DefaultSettings.startedLine();

        run(line, Duration.ofDays(365), Duration.ofDays(1));

        long finished = line.lotsOut() + line.lotsScrapped();
        assertThat(finished).isGreaterThan(40_000);
        assertThat((double) line.lotsScrapped() / finished).isBetween(0.008, 0.012);
        assertThat(line.wafersScrapped()).isEqualTo(line.lotsScrapped() * 25);
    }

    @Test
    void cappedPowerSlowsOutput() {
        FabLine uncapped = DefaultSettings.startedLine();
        FabLine capped = DefaultSettings.startedLine();
        capped.applyBudget(budget(175)); // half the productive load: (175 - 100) / (250 - 100)

        List<WaferOut> fast = run(uncapped, Duration.ofDays(20), Duration.ofHours(1));
        List<WaferOut> slow = new ArrayList<>();
        for (int hour = 0; hour < 20 * 24; hour++) {
            FabPower power = capped.power();
            assertThat(power.drawMw()).isLessThanOrEqualTo(175.0);
            assertThat(power.speedFactor()).isCloseTo(0.5, within(1e-9));
            slow.addAll(capped.advance(capped.now().orElseThrow().plus(Duration.ofHours(1)), power.speedFactor()));
        }

        assertThat((double) slow.size()).isCloseTo(fast.size() / 2.0, within(fast.size() * 0.02));
        assertThat(capped.wafersInProcess()).as("starts go on while the line slows: WIP builds up")
                .isGreaterThan(uncapped.wafersInProcess());
        assertThat(capped.conserved()).isTrue();
    }

    @Test
    void aCapBelowTheIdleLoadStopsWaferOutsButNotStarts() {
        FabLine line = DefaultSettings.startedLine();
        line.applyBudget(budget(80));
        long started = line.wafersStarted();

        List<WaferOut> outs = run(line, Duration.ofDays(3), Duration.ofHours(1));

        assertThat(outs).isEmpty();
        assertThat(line.wafersStarted()).isGreaterThan(started);
        assertThat(line.power().drawMw()).isEqualTo(80.0);
    }

    @Test
    void anInvalidBudgetIsRefusedAndChangesNothing() {
        FabLine line = DefaultSettings.startedLine();
        line.applyBudget(budget(200));
        FabState before = line.state();

        assertThatThrownBy(() -> line.applyBudget(budget(-1))).isInstanceOf(FabRejection.class);
        assertThatThrownBy(() -> line.applyBudget(budget(Double.POSITIVE_INFINITY))).isInstanceOf(FabRejection.class);
        assertThatThrownBy(() -> line.applyBudget(new PowerBudget(100, T0, T0.minusSeconds(1))))
                .isInstanceOf(FabRejection.class).hasMessageContaining("before issuedAt");
        assertThatThrownBy(() -> line.applyBudget(null)).isInstanceOf(FabRejection.class);
        assertThat(line.state()).isEqualTo(before);
    }

    @Test
    void theSameSeedFinishesTheSameLotsWhateverTheTickLength() {
        FabLine ticked = DefaultSettings.startedLine();
        FabLine jumped = DefaultSettings.startedLine();

        List<WaferOut> small = run(ticked, Duration.ofDays(5), Duration.ofMinutes(10));
        List<WaferOut> big = jumped.advance(T0.plus(Duration.ofDays(5)), 1.0);

        assertThat(big).extracting(WaferOut::lotId).containsExactlyElementsOf(small.stream().map(WaferOut::lotId).toList());
        for (int i = 0; i < big.size(); i++) {
            assertThat(Duration.between(small.get(i).finishedAt(), big.get(i).finishedAt()).abs())
                    .isLessThan(Duration.ofMillis(1));
        }
        assertThat(jumped.wafersStarted()).isEqualTo(ticked.wafersStarted());
        assertThat(jumped.lotsScrapped()).isEqualTo(ticked.lotsScrapped());
    }

    static IntStream seeds() {
        return IntStream.rangeClosed(1, 20);
    }

    /** Seeded random sequences of advances (minutes to days), budgets (including below the idle load) and restores. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void wafersAreConservedOverRandomAdvancesAndBudgets(int seed) {
        Random random = new Random(seed);
        FabLine line = new FabLine(DefaultSettings.withSeed(seed));
        line.start(T0);
        for (int op = 0; op < 60; op++) {
            String at = "seed " + seed + ", op " + op;
            int choice = random.nextInt(10);
            if (choice < 7) {
                Instant from = line.now().orElseThrow();
                long seconds = (long) Math.exp(random.nextDouble() * Math.log(3 * 86_400.0));
                Instant to = from.plusSeconds(seconds);
                FabPower power = line.power();
                if (power.budgetMw() != null) {
                    assertThat(power.drawMw()).as(at).isLessThanOrEqualTo(power.budgetMw());
                }
                List<WaferOut> outs = line.advance(to, power.speedFactor());
                assertThat(line.now()).as(at).contains(to);
                assertThat(outs).as(at).allSatisfy(out -> {
                    assertThat(out.finishedAt()).isAfter(from).isBeforeOrEqualTo(to);
                    assertThat(out.goodDiesByBin().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(960);
                });
            } else if (choice < 9) {
                line.applyBudget(new PowerBudget(random.nextDouble() * 300, line.now().orElseThrow(),
                        line.now().orElseThrow().plus(Duration.ofMinutes(15))));
            } else {
                FabLine restored = new FabLine(DefaultSettings.withSeed(seed));
                restored.restore(line.state());
                line = restored;
            }
            assertThat(line.conserved()).as(at).isTrue();
            assertThat(line.wafersStarted()).as(at)
                    .isEqualTo(line.wafersOut() + line.wafersScrapped() + line.wafersInProcess());
            List<LotProgress> lots = line.lots(Integer.MAX_VALUE);
            for (int i = 0; i < lots.size(); i++) {
                assertThat(lots.get(i).progress()).as(at).isGreaterThanOrEqualTo(0).isLessThan(1);
                if (i > 0) {
                    assertThat(lots.get(i).progress()).as(at + ": most advanced first")
                            .isLessThanOrEqualTo(lots.get(i - 1).progress());
                }
            }
        }
    }

    @Test
    void aSnapshotRoundTripRestoresTheSameState() throws Exception {
        FabLine line = DefaultSettings.startedLine();
        run(line, Duration.ofDays(3), Duration.ofHours(2));
        line.applyBudget(new PowerBudget(180, T0.plus(Duration.ofDays(3)), T0.plus(Duration.ofDays(3)).plusSeconds(900)));
        run(line, Duration.ofHours(7).plusMinutes(13), Duration.ofHours(1));
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        byte[] json = mapper.writeValueAsBytes(line.state());
        FabLine restored = new FabLine(DefaultSettings.defaults());
        restored.restore(mapper.readValue(json, FabState.class));

        assertThat(restored.state()).isEqualTo(line.state());
        assertThat(restored.conserved()).isTrue();
        assertThat(restored.power()).isEqualTo(line.power());
        assertThat(restored.meanCycleTime()).isEqualTo(line.meanCycleTime());
        // and both go on identically
        Instant next = line.now().orElseThrow().plus(Duration.ofDays(2));
        assertThat(restored.advance(next, restored.power().speedFactor()))
                .isEqualTo(line.advance(next, line.power().speedFactor()));
        assertThat(restored.state()).isEqualTo(line.state());
    }

    @Test
    void aSnapshotThatBreaksConservationIsRefusedAndChangesNothing() {
        FabLine line = DefaultSettings.startedLine();
        FabState good = line.state();
        FabState broken = new FabState(good.now(), good.lots(), good.nextLotNumber(), good.releaseCarryWafers(),
                good.wafersStarted() + 25, good.wafersOut(), good.wafersScrapped(), good.lotsOut(), good.lotsScrapped(),
                good.cycleTimeSecondsOfLotsOut(), good.budget());

        assertThatThrownBy(() -> line.restore(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conservation");
        assertThat(line.state()).isEqualTo(good);
    }
}
