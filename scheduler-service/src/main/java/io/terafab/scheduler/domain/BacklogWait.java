package io.terafab.scheduler.domain;

import java.time.Instant;

/**
 * How long the queue's backlog is expected to wait for accelerators.
 *
 * <p>The backlog's uncovered accelerators are the queue's demand (every queued gang) less the
 * free accelerators and less those of the outstanding capacity request (chip-service reserved or
 * backordered them already, and the availability it publishes is net of its backorders). The
 * expected wait is the time from now to the end of the first week whose P50 availability covers
 * them ({@link AcceleratorOutlook#weekCovering}), in weeks:
 * <ul>
 *   <li>0 when nothing is uncovered (the install lead time of requested accelerators is not counted);</li>
 *   <li>positive infinity when no week of the forecast covers them;</li>
 *   <li>NaN (unknown) when accelerators are uncovered and no availability arrived yet.</li>
 * </ul>
 *
 * @param uncovered accelerators the backlog needs beyond free and requested ones (0 or more)
 * @param week the forecast week by whose end they are available at P50, or null (none, or unknown)
 * @param weekTo end of that week, or null
 * @param expectedWaitWeeks as above
 */
public record BacklogWait(long uncovered, Integer week, Instant weekTo, double expectedWaitWeeks) {

    /** The wait of {@code uncovered} accelerators at {@code now} given the outlook (null if none arrived). */
    public static BacklogWait of(long uncovered, AcceleratorOutlook outlook, Instant now) {
        long need = Math.max(0, uncovered);
        if (need == 0) {
            return new BacklogWait(0, null, null, 0);
        }
        if (outlook == null || now == null) {
            return new BacklogWait(need, null, null, Double.NaN);
        }
        return outlook.weekCovering(need, now)
                .map(w -> new BacklogWait(need, w.week(), w.weekTo(), AcceleratorOutlook.weeksUntil(w, now)))
                .orElseGet(() -> new BacklogWait(need, null, null, Double.POSITIVE_INFINITY));
    }
}
