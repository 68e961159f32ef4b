package io.terafab.power.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The balance of the latest ticks, within a window of simulated time and at most a number of
 * points, so memory stays bounded whatever the clock speed. Not part of the snapshot: after a
 * restart it fills again; the long record is in Prometheus and on {@code power.grid-state}.
 */
final class GridHistory {

    private final Duration window;
    private final int maxPoints;
    private final Deque<BalancePoint> points = new ArrayDeque<>();

    GridHistory(Duration window, int maxPoints) {
        this.window = window;
        this.maxPoints = maxPoints;
    }

    void add(Dispatch dispatch) {
        points.addLast(BalancePoint.of(dispatch));
        Instant oldest = dispatch.at().minus(window);
        while (points.size() > maxPoints
                || (!points.isEmpty() && points.peekFirst().at().isBefore(oldest))) {
            points.removeFirst();
        }
    }

    /** The points at or after {@code since}, oldest first. */
    List<BalancePoint> since(Instant since) {
        return points.stream().filter(p -> !p.at().isBefore(since)).toList();
    }
}
