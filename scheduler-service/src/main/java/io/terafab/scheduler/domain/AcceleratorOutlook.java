package io.terafab.scheduler.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Accelerators chip-service can supply by the end of each week ahead, of any SKU, at the fab
 * forecast's P10/P50/P90 (from {@code chips.availability}): stock less backorders plus the chips
 * the fab is forecast to make, cumulative, so each figure is what new requests could have by then.
 *
 * @param publishedAt simulated time of the stock the figures start from
 * @param weeks in order, each figure non-decreasing over the weeks
 */
public record AcceleratorOutlook(Instant publishedAt, List<Week> weeks) {

    private static final double SECONDS_PER_WEEK = 7 * 86_400;

    public AcceleratorOutlook {
        if (publishedAt == null) {
            throw new IllegalArgumentException("the outlook needs its time");
        }
        weeks = List.copyOf(weeks);
    }

    /**
     * Accelerators available by {@code weekTo}.
     *
     * @param week the fab forecast's week number
     */
    public record Week(int week, Instant weekTo, long p10, long p50, long p90) {}

    /** The coming week at {@code now}: the first week not over yet. */
    public Optional<Week> comingWeek(Instant now) {
        return weeks.stream().filter(w -> w.weekTo().isAfter(now)).findFirst();
    }

    /** P50 accelerators available by the end of the coming week; empty when every week is over. */
    public OptionalLong comingWeekP50(Instant now) {
        return comingWeek(now).map(w -> OptionalLong.of(w.p50())).orElse(OptionalLong.empty());
    }

    /**
     * The first week not over at {@code now} by whose end at least {@code accelerators} are
     * available at P50; empty when none of the weeks ahead has that many.
     */
    public Optional<Week> weekCovering(long accelerators, Instant now) {
        return weeks.stream()
                .filter(w -> w.weekTo().isAfter(now) && w.p50() >= accelerators)
                .findFirst();
    }

    /** Weeks (fractional) from {@code now} to the end of {@code week}. */
    public static double weeksUntil(Week week, Instant now) {
        return Math.max(0, Duration.between(now, week.weekTo()).toMillis() / 1000.0 / SECONDS_PER_WEEK);
    }
}
