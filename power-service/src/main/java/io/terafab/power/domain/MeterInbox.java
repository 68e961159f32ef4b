package io.terafab.power.domain;

import io.terafab.platform.model.ModelRejection;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Meter readings between their arrival and the tick that applies them. A reading holds from its
 * own time on, so one stamped ahead of the twin's clock waits for it, and one stamped behind it
 * applies at the next tick (a tick already issued is not rewritten). Per asset and quantity,
 * readings apply in time order; one older than a reading already accepted is refused.
 */
final class MeterInbox {

    /** How many applied readings are kept for operators. */
    static final int RECENT = 50;

    private final List<MeterReading> pending = new ArrayList<>();
    private final Map<String, Instant> latestAccepted = new HashMap<>();
    private final Deque<AppliedReading> recent = new ArrayDeque<>();

    /** Schedules the reading. @throws ModelRejection {@code OUT_OF_ORDER}, having changed nothing */
    void accept(MeterReading reading) {
        Instant latest = latestAccepted.get(reading.stream());
        if (latest != null && reading.at().isBefore(latest)) {
            throw ModelRejection.outOfOrder(reading.quantity().code() + " reading of " + reading.asset() + " at "
                    + reading.at() + " is older than one already accepted, at " + latest);
        }
        latestAccepted.put(reading.stream(), reading.at());
        int at = pending.size();
        while (at > 0 && pending.get(at - 1).at().isAfter(reading.at())) {
            at--;
        }
        pending.add(at, reading);
    }

    /** Takes the readings due at {@code now}, oldest first. */
    List<MeterReading> takeDue(Instant now) {
        int due = 0;
        while (due < pending.size() && !pending.get(due).at().isAfter(now)) {
            due++;
        }
        List<MeterReading> taken = new ArrayList<>(pending.subList(0, due));
        pending.subList(0, due).clear();
        return taken;
    }

    void applied(MeterReading reading, Instant at) {
        recent.addLast(new AppliedReading(reading, at));
        while (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    List<MeterReading> pending() {
        return List.copyOf(pending);
    }

    /** The latest applied readings, oldest first. */
    List<AppliedReading> recent() {
        return List.copyOf(recent);
    }

    Map<String, Instant> latestAccepted() {
        return Map.copyOf(latestAccepted);
    }

    void restore(List<MeterReading> pending, Map<String, Instant> latestAccepted, List<AppliedReading> recent) {
        this.pending.clear();
        this.pending.addAll(pending);
        this.pending.sort((a, b) -> a.at().compareTo(b.at()));
        this.latestAccepted.clear();
        this.latestAccepted.putAll(latestAccepted);
        this.recent.clear();
        recent.stream().skip(Math.max(0, recent.size() - RECENT)).forEach(this.recent::addLast);
    }
}
