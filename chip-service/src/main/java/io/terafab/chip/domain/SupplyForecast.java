package io.terafab.chip.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The fab's latest supply forecast as chip-service keeps it: good dies per SKU for each week
 * ahead, P10/P50/P90 over the fab's replications (from {@code fab.forecasts}).
 *
 * @param fab the fab that forecast it
 * @param from start of week 1
 * @param weeks the weeks in order
 */
public record SupplyForecast(String fab, Instant from, List<Week> weeks) {

    public SupplyForecast {
        weeks = List.copyOf(weeks);
    }

    /**
     * One week's good dies after wafer sort, before packaging and final test.
     *
     * @param week 1 for the week starting at {@code from}
     * @param weekFrom start (inclusive)
     * @param weekTo end (exclusive)
     * @param goodDiesBySku per SKU
     */
    public record Week(int week, Instant weekFrom, Instant weekTo, Map<String, Dies> goodDiesBySku) {

        public Week {
            goodDiesBySku = Map.copyOf(goodDiesBySku);
        }
    }

    /** Good dies at the forecast's P10, P50 and P90. */
    public record Dies(double p10, double p50, double p90) {}
}
