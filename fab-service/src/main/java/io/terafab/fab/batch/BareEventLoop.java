package io.terafab.fab.batch;

import io.terafab.fab.simulation.EventCalendar;
import io.terafab.fab.simulation.RandomStream;
import java.util.PriorityQueue;

/**
 * Baselines for the engine's speed, measured in the same run as the fab: the classic "hold"
 * loop, where every event popped schedules one new event an exponential time later, so the
 * calendar keeps a constant number of pending events and does nothing else.
 */
final class BareEventLoop {

    private BareEventLoop() {}

    /** Events per second of a hold loop on {@link java.util.PriorityQueue} with event objects: the bare loop. */
    static double priorityQueueEventsPerSecond(int pending, long events, long seed) {
        RandomStream random = new RandomStream(seed);
        PriorityQueue<Event> queue = new PriorityQueue<>();
        long sequence = 0;
        for (int i = 0; i < pending; i++) {
            queue.add(new Event(-Math.log(1 - random.nextDouble()), sequence++, i));
        }
        long start = System.nanoTime();
        double checksum = 0;
        for (long n = 0; n < events; n++) {
            Event e = queue.poll();
            checksum += e.subject;
            queue.add(new Event(e.time - Math.log(1 - random.nextDouble()), sequence++, e.subject));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (checksum < 0) {
            throw new IllegalStateException("unreachable: keeps the loop from being optimized away");
        }
        return events / seconds;
    }

    /** Events per second of the same hold loop on the engine's own {@link EventCalendar}, no model behind it. */
    static double calendarEventsPerSecond(int pending, long events, long seed) {
        RandomStream random = new RandomStream(seed);
        EventCalendar calendar = new EventCalendar();
        for (int i = 0; i < pending; i++) {
            calendar.schedule(-Math.log(1 - random.nextDouble()), 0, i, 0);
        }
        long start = System.nanoTime();
        double checksum = 0;
        for (long n = 0; n < events; n++) {
            calendar.pop();
            checksum += calendar.subject();
            calendar.schedule(calendar.now() - Math.log(1 - random.nextDouble()), 0, calendar.subject(), 0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (checksum < 0) {
            throw new IllegalStateException("unreachable: keeps the loop from being optimized away");
        }
        return events / seconds;
    }

    private record Event(double time, long sequence, int subject) implements Comparable<Event> {

        @Override
        public int compareTo(Event o) {
            int byTime = Double.compare(time, o.time);
            return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
        }
    }
}
