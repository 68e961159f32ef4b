package io.terafab.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Accelerators available to new capacity requests by the end of each week ahead, published by
 * chip-service on the compacted {@code chips.availability} topic (key {@code fab}, the forecast's
 * fab): the latest record is the current availability. Each week's figure is cumulative: chips
 * free in stock now, less the accelerators already backordered, plus the chips the fab's forecast
 * good dies of every week up to this one become after packaging and final test. Bands are the
 * forecast's P10/P50/P90 carried through, so every figure is non-decreasing over the weeks and
 * {@code p10 <= p50 <= p90}.
 *
 * @param fab the fab whose forecast this is built on (Kafka key)
 * @param forecastFrom start of the fab forecast's week 1
 * @param publishedAt simulated time of the stock the figures start from, and of the publication
 * @param weeks the weeks not yet over at {@code publishedAt}, in order
 */
public record AcceleratorAvailabilityPublished(
        String fab, Instant forecastFrom, Instant publishedAt, List<Week> weeks) {

    public AcceleratorAvailabilityPublished {
        Require.text(fab, "fab");
        Require.present(forecastFrom, "forecastFrom");
        Require.present(publishedAt, "publishedAt");
        Require.present(weeks, "weeks");
        if (weeks.isEmpty()) {
            throw new InvalidEventException("weeks must not be empty");
        }
        weeks = List.copyOf(weeks);
    }

    /**
     * Availability by the end of one week.
     *
     * @param week the fab forecast's week number (1 starts at {@code forecastFrom})
     * @param weekTo end of the week (exclusive): the figures are accelerators available by then
     * @param accelerators of any SKU (what a request for any SKU can draw on)
     * @param bySku per SKU ({@code <product>-<bin>})
     */
    public record Week(int week, Instant weekTo, Band accelerators, Map<String, Band> bySku) {

        public Week {
            Require.positive(week, "week");
            Require.present(weekTo, "weekTo");
            Require.present(accelerators, "accelerators");
            Require.present(bySku, "bySku");
            bySku = Map.copyOf(bySku);
        }
    }

    /** Accelerators at the forecast's P10, P50 and P90: {@code 0 <= p10 <= p50 <= p90}. */
    public record Band(long p10, long p50, long p90) {

        public Band {
            if (!(p10 >= 0 && p10 <= p50 && p50 <= p90)) {
                throw new InvalidEventException(
                        "percentiles must satisfy 0 <= p10 <= p50 <= p90, were " + p10 + ", " + p50 + ", " + p90);
            }
        }
    }
}
