package io.terafab.power.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terafab.platform.model.ModelRejection;
import java.time.Instant;

/**
 * Readings as the property tests generate them, some stamped before one already taken: a reading
 * in order is recorded, a late one must be refused as out of order and change nothing.
 */
public final class LateReadings {

    private LateReadings() {}

    public static void recordDraw(
            GridBalance grid, String consumer, double demandMw, double drawMw, Instant at, String where) {
        Instant latest = grid.consumers().get(consumer).lastReadingAt();
        if (latest != null && at.isBefore(latest)) {
            assertRefusedAsOutOfOrder(grid, () -> grid.recordDraw(consumer, demandMw, drawMw, at), where);
        } else {
            grid.recordDraw(consumer, demandMw, drawMw, at);
        }
    }

    /** Records a reading of a known asset within its range. */
    public static void recordMeterReading(GridBalance grid, MeterReading reading, String where) {
        if (isLate(grid, reading)) {
            assertRefusedAsOutOfOrder(grid, () -> grid.recordMeterReading(reading), where);
        } else {
            grid.recordMeterReading(reading);
        }
    }

    /** Older than a reading of the same asset and quantity already accepted. */
    public static boolean isLate(GridBalance grid, MeterReading reading) {
        Instant latest = grid.state().latestReadingAt().get(reading.stream());
        return latest != null && reading.at().isBefore(latest);
    }

    private static void assertRefusedAsOutOfOrder(GridBalance grid, Runnable change, String where) {
        GridState before = grid.state();
        assertThatThrownBy(change::run)
                .as(where)
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(ModelRejection.Kind.OUT_OF_ORDER));
        assertThat(grid.state()).as("a late reading changes nothing, " + where).isEqualTo(before);
    }
}
