package io.terafab.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The fab's supply forecast, published on the compacted {@code fab.forecasts} topic (key
 * {@code fab}) each time it is refreshed: the latest record is the current forecast. Replications
 * of the fab model run forward from the live state with different seeds; each figure is given as
 * the P10, P50 and P90 over the replications.
 *
 * @param fab the producer's fab (Kafka key)
 * @param from simulated time of the live state the replications start from; week 1 is {@code [from, from + 7 days)}
 * @param replications how many replications the percentiles are over
 * @param weeks the weeks ahead, in order
 * @param publishedAt simulated time of the publication
 */
public record ForecastPublished(String fab, Instant from, int replications, List<Week> weeks, Instant publishedAt) {

    public ForecastPublished {
        Require.text(fab, "fab");
        Require.present(from, "from");
        Require.positive(replications, "replications");
        Require.present(weeks, "weeks");
        if (weeks.isEmpty()) {
            throw new InvalidEventException("weeks must not be empty");
        }
        weeks = List.copyOf(weeks);
        Require.present(publishedAt, "publishedAt");
    }

    /**
     * One week ahead.
     *
     * @param week 1 for the week starting at {@code from}
     * @param weekFrom start of the week (inclusive)
     * @param weekTo end of the week (exclusive)
     * @param wafersOut wafers leaving the line good that week
     * @param goodDiesBySku good dies after wafer sort per SKU ({@code <product>-<bin>}), before packaging and final test
     */
    public record Week(int week, Instant weekFrom, Instant weekTo, Band wafersOut, Map<String, Band> goodDiesBySku) {

        public Week {
            Require.positive(week, "week");
            Require.present(weekFrom, "weekFrom");
            Require.present(weekTo, "weekTo");
            Require.present(wafersOut, "wafersOut");
            Require.present(goodDiesBySku, "goodDiesBySku");
            goodDiesBySku = Map.copyOf(goodDiesBySku);
        }
    }

    /** Percentiles over the replications: {@code 0 <= p10 <= p50 <= p90}. */
    public record Band(double p10, double p50, double p90) {

        public Band {
            if (!(p10 >= 0 && p10 <= p50 && p50 <= p90)) {
                throw new InvalidEventException(
                        "percentiles must satisfy 0 <= p10 <= p50 <= p90, were " + p10 + ", " + p50 + ", " + p90);
            }
        }
    }
}
