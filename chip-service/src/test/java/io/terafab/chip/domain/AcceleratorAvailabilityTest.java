package io.terafab.chip.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class AcceleratorAvailabilityTest {

    private static final Instant FROM = Instant.parse("2027-01-01T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final List<String> SKUS = List.of("TFA-1-bin1", "TFA-1-bin2");

    private static SupplyForecast.Week week(int n, Map<String, SupplyForecast.Dies> dies) {
        Instant from = FROM.plus(WEEK.multipliedBy(n - 1));
        return new SupplyForecast.Week(n, from, from.plus(WEEK), dies);
    }

    private static SupplyForecast.Dies dies(double p10, double p50, double p90) {
        return new SupplyForecast.Dies(p10, p50, p90);
    }

    @Test
    void stockLessBackordersPlusTheForecastsChipsCumulativeByWeek() {
        SupplyForecast forecast = new SupplyForecast(
                "fab",
                FROM,
                List.of(
                        week(1, Map.of("TFA-1-bin1", dies(100, 200, 300), "TFA-1-bin2", dies(0, 0, 0))),
                        week(2, Map.of("TFA-1-bin1", dies(100, 100, 100), "TFA-1-bin2", dies(1000, 1000, 1000)))));

        AcceleratorAvailability a = AcceleratorAvailability.of(
                forecast,
                Map.of("TFA-1-bin1", 50L, "TFA-1-bin2", 10L),
                Map.of("TFA-1-bin1", 0L, "TFA-1-bin2", 30L, CapacityRequest.ANY_SKU, 5L),
                0.95,
                FROM);

        // chips = floor(0.95 × cumulative dies)
        assertThat(a.weeks()).hasSize(2);
        assertThat(a.weeks().get(0).bySku().get("TFA-1-bin1"))
                .isEqualTo(new AcceleratorAvailability.Band(50 + 95, 50 + 190, 50 + 285));
        // bin2: 10 in stock, 30 backordered: none available until the fab makes more
        assertThat(a.weeks().get(0).bySku().get("TFA-1-bin2")).isEqualTo(new AcceleratorAvailability.Band(0, 0, 0));
        // any: 50 + 10 - 30 - 5 = 25 net, plus all chips
        assertThat(a.weeks().get(0).accelerators())
                .isEqualTo(new AcceleratorAvailability.Band(25 + 95, 25 + 190, 25 + 285));
        assertThat(a.weeks().get(1).bySku().get("TFA-1-bin1"))
                .isEqualTo(new AcceleratorAvailability.Band(50 + 190, 50 + 285, 50 + 380));
        assertThat(a.weeks().get(1).bySku().get("TFA-1-bin2"))
                .isEqualTo(new AcceleratorAvailability.Band(10 - 30 + 950, 10 - 30 + 950, 10 - 30 + 950));
        assertThat(a.weeks().get(1).accelerators())
                .isEqualTo(new AcceleratorAvailability.Band(25 + 190 + 950, 25 + 285 + 950, 25 + 380 + 950));
    }

    @Test
    void weeksOverAreLeftOutAndTheWeekInProgressCountsWhatIsStillToCome() {
        SupplyForecast forecast = new SupplyForecast(
                "fab",
                FROM,
                List.of(
                        week(1, Map.of("TFA-1-bin1", dies(700, 700, 700))),
                        week(2, Map.of("TFA-1-bin1", dies(700, 700, 700))),
                        week(3, Map.of("TFA-1-bin1", dies(700, 700, 700)))));

        // a day and a half into week 2 (5.5 of its 7 days still to come)
        Instant at = FROM.plus(WEEK).plus(Duration.ofHours(36));
        AcceleratorAvailability a = AcceleratorAvailability.of(forecast, Map.of("TFA-1-bin1", 0L), Map.of(), 1.0, at);

        assertThat(a.weeks()).extracting(AcceleratorAvailability.Week::week).containsExactly(2, 3);
        assertThat(a.weeks().get(0).accelerators().p50()).isEqualTo(550);
        assertThat(a.weeks().get(1).accelerators().p50()).isEqualTo(1250);
        assertThat(a.at()).isEqualTo(at);
    }

    @Test
    void noWeekLeftWhenTheForecastIsOver() {
        SupplyForecast forecast =
                new SupplyForecast("fab", FROM, List.of(week(1, Map.of("TFA-1-bin1", dies(1, 2, 3)))));
        assertThat(AcceleratorAvailability.of(forecast, Map.of("TFA-1-bin1", 9L), Map.of(), 0.95, FROM.plus(WEEK))
                        .weeks())
                .isEmpty();
    }

    /** Random forecasts, stock and backorders: the properties hold whatever the figures. */
    @RepeatedTest(200)
    void monotoneOverWeeksOrderedByPercentileAndNeverNegative(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        List<SupplyForecast.Week> weeks = new ArrayList<>();
        for (int w = 1; w <= 13; w++) {
            Map<String, SupplyForecast.Dies> bySku = new TreeMap<>();
            for (String sku : SKUS) {
                double p10 = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 5_000;
                double p50 = p10 + random.nextDouble() * 1_000;
                double p90 = p50 + random.nextDouble() * 1_000;
                bySku.put(sku, dies(p10, p50, p90));
            }
            weeks.add(week(w, bySku));
        }
        Map<String, Long> stock = new TreeMap<>();
        Map<String, Long> backordered = new TreeMap<>();
        for (String sku : SKUS) {
            stock.put(sku, (long) random.nextInt(10_000));
            backordered.put(sku, (long) random.nextInt(20_000));
        }
        backordered.put(CapacityRequest.ANY_SKU, (long) random.nextInt(20_000));
        Instant at = FROM.plus(Duration.ofMinutes(random.nextInt(13 * 7 * 24 * 60)));
        double chipsPerDie = 0.5 + random.nextDouble() / 2;

        AcceleratorAvailability a =
                AcceleratorAvailability.of(new SupplyForecast("fab", FROM, weeks), stock, backordered, chipsPerDie, at);

        assertThat(a.weeks()).isNotEmpty();
        AcceleratorAvailability.Week previous = null;
        for (AcceleratorAvailability.Week week : a.weeks()) {
            assertThat(week.weekTo()).isAfter(at);
            List<AcceleratorAvailability.Band> bands =
                    new ArrayList<>(week.bySku().values());
            bands.add(week.accelerators());
            for (AcceleratorAvailability.Band b : bands) {
                assertThat(b.p10()).isNotNegative();
                assertThat(b.p10()).isLessThanOrEqualTo(b.p50());
                assertThat(b.p50()).isLessThanOrEqualTo(b.p90());
            }
            if (previous != null) {
                assertNotBelow(week.accelerators(), previous.accelerators());
                for (String sku : SKUS) {
                    assertNotBelow(week.bySku().get(sku), previous.bySku().get(sku));
                }
            }
            previous = week;
        }
    }

    private static void assertNotBelow(AcceleratorAvailability.Band later, AcceleratorAvailability.Band earlier) {
        assertThat(later.p10()).isGreaterThanOrEqualTo(earlier.p10());
        assertThat(later.p50()).isGreaterThanOrEqualTo(earlier.p50());
        assertThat(later.p90()).isGreaterThanOrEqualTo(earlier.p90());
    }
}
