package io.terafab.fab.domain;

import static io.terafab.fab.domain.ForecastFixtures.defaultFab;
import static io.terafab.fab.domain.ForecastFixtures.defaultYield;
import static org.assertj.core.api.Assertions.assertThat;

import io.terafab.contract.CampusDefaults;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FabForecasterTest {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static LiveFab live;

    @BeforeAll
    static void aLiveFab() {
        live = new LiveFab(defaultFab(), defaultYield(), ForecastFixtures.LINE_SCRAP, 42, Duration.ofDays(20));
        live.start(START);
        live.advance(START.plus(Duration.ofDays(1)));
    }

    @Test
    void aForecastLeavesTheLiveFabUntouched() {
        var before = live.state();
        FabForecaster.forecast(live.forkPoint(), 2, 1, 1, 1);

        var after = live.state();
        assertThat(after.simulation().totals()).isEqualTo(before.simulation().totals());
        assertThat(after.simulation().calendar().now())
                .isEqualTo(before.simulation().calendar().now());
        assertThat(after.simulation().randomStates())
                .containsExactly(before.simulation().randomStates());
    }

    @Test
    void replicationsDifferBySeedAndDoNotDependOnTheThreads() {
        FabForecaster.ForkPoint fork = live.forkPoint();
        var one = FabForecaster.replicate(fork, 3, 2, 5, 1);
        var two = FabForecaster.replicate(fork, 3, 2, 5, 2);

        for (int r = 0; r < 3; r++) {
            assertThat(two.get(r).wafersOut()).containsExactly(one.get(r).wafersOut());
            assertThat(two.get(r).seed()).isEqualTo(one.get(r).seed());
        }
        assertThat(one.get(0).wafersOut()).isNotEqualTo(one.get(1).wafersOut());
    }

    @Test
    void weeksCarryOrderedBandsOfWafersAndGoodDiesPerSku() {
        FabForecaster.Forecast forecast = FabForecaster.forecast(live.forkPoint(), 4, 2, 9, 2);

        assertThat(forecast.from()).isEqualTo(START.plus(Duration.ofDays(1)));
        assertThat(forecast.weeks()).hasSize(2);
        FabForecaster.Week week2 = forecast.weeks().get(1);
        assertThat(week2.from()).isEqualTo(forecast.from().plus(Duration.ofDays(7)));
        assertThat(week2.goodDiesBySku())
                .containsOnlyKeys(CampusDefaults.bins().stream()
                        .map(b -> CampusDefaults.PRODUCT + "-" + b)
                        .toList());
        for (FabForecaster.Week w : forecast.weeks()) {
            FabForecaster.Band wafers = w.wafersOut();
            assertThat(wafers.p10()).isPositive().isLessThanOrEqualTo(wafers.p50());
            assertThat(wafers.p50()).isLessThanOrEqualTo(wafers.p90());
            // good dies per wafer: the yield model's, whatever the replication
            double diesPerWafer = defaultYield().goodDiesByBin(25).values().stream()
                            .mapToInt(Integer::intValue)
                            .sum()
                    / 25.0;
            double diesP50 = w.goodDiesBySku().values().stream()
                    .mapToDouble(FabForecaster.Band::p50)
                    .sum();
            assertThat(diesP50)
                    .isCloseTo(wafers.p50() * diesPerWafer, org.assertj.core.data.Percentage.withPercentage(5));
        }
    }

    @Test
    void bandsAreQuantilesOfTheNextOutcome() {
        FabForecaster.Band band = FabForecaster.Band.of(new long[] {50, 10, 40, 20, 30});

        // n = 5: P10 at rank 0.6 (the smallest), P50 at rank 3, P90 at rank 5.4 (the largest)
        assertThat(band.p10()).isEqualTo(10);
        assertThat(band.p50()).isEqualTo(30);
        assertThat(band.p90()).isEqualTo(50);
        FabForecaster.Band nine = FabForecaster.Band.of(new long[] {10, 20, 30, 40, 50, 60, 70, 80, 90});
        // n = 9: P10 at rank 1.0, P90 at rank 9.0
        assertThat(nine.p10()).isEqualTo(10);
        assertThat(nine.p90()).isEqualTo(90);
        FabForecaster.Band nineteen = FabForecaster.Band.of(
                java.util.stream.LongStream.rangeClosed(1, 19).map(i -> i * 10).toArray());
        // n = 19: P10 at rank 2, P50 at rank 10, P90 at rank 18
        assertThat(nineteen.p10()).isEqualTo(20);
        assertThat(nineteen.p50()).isEqualTo(100);
        assertThat(nineteen.p90()).isEqualTo(180);
        assertThat(nineteen.covers(20)).isTrue();
        assertThat(nineteen.covers(181)).isFalse();
    }
}
