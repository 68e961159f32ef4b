package io.terafab.fab.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The future event list: a binary min-heap ordered by time, then by the order events were
 * scheduled, so two events at the same instant always run in the same order (a run is
 * reproducible). An event is three ints (a kind, a subject, an argument) at a time; the model
 * interprets them. Parallel primitive arrays instead of event objects: no allocation per event,
 * which is most of what makes a year of a fab run in seconds. The heap holds only each event's
 * time and one long key (its scheduling sequence above the slot its three ints wait in), so a
 * sift moves two arrays rather than five.
 *
 * <p>Events are never removed: a model that must cancel one carries a token in the argument and
 * ignores the event when the token is stale.
 */
public final class EventCalendar {

    private static final int INITIAL_CAPACITY = 1 << 10;
    private static final int SLOT_BITS = 24;
    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    /** Sequences stay below 2^39 (about 5e11 events, millennia of the default fab), so keys stay positive. */
    private static final long MAX_SEQUENCE = 1L << (63 - SLOT_BITS);

    // the heap: per position, the event's time and key = sequence << SLOT_BITS | slot
    private double[] times = new double[INITIAL_CAPACITY];
    private long[] keys = new long[INITIAL_CAPACITY];
    private int size;
    private long nextSequence;

    // per slot, the event's ints; slots of popped events are reused
    private int[] kinds = new int[INITIAL_CAPACITY];
    private int[] subjects = new int[INITIAL_CAPACITY];
    private int[] arguments = new int[INITIAL_CAPACITY];
    private int[] freeSlots = new int[INITIAL_CAPACITY];
    private int freeSlotCount;
    private int slotsUsed;

    private double now;
    private int currentKind;
    private int currentSubject;
    private int currentArgument;

    /** Schedules an event; a time before the current one is refused (it would run in the past). */
    public void schedule(double time, int kind, int subject, int argument) {
        if (!(time >= now)) {
            throw new IllegalArgumentException("event time " + time + " is before the calendar's time " + now);
        }
        insert(time, nextSequence++, kind, subject, argument);
    }

    private void insert(double time, long sequence, int kind, int subject, int argument) {
        if (sequence >= MAX_SEQUENCE) {
            throw new IllegalStateException("the calendar has scheduled " + sequence + " events, its most");
        }
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
        }
        int slot = takeSlot();
        kinds[slot] = kind;
        subjects[slot] = subject;
        arguments[slot] = argument;
        long key = sequence << SLOT_BITS | slot;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, key, times[parent], keys[parent])) {
                break;
            }
            times[i] = times[parent];
            keys[i] = keys[parent];
            i = parent;
        }
        times[i] = time;
        keys[i] = key;
    }

    private int takeSlot() {
        if (freeSlotCount > 0) {
            return freeSlots[--freeSlotCount];
        }
        if (slotsUsed > SLOT_MASK) {
            throw new IllegalStateException("more than " + SLOT_MASK + " events pending");
        }
        if (slotsUsed == kinds.length) {
            int capacity = slotsUsed * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            subjects = Arrays.copyOf(subjects, capacity);
            arguments = Arrays.copyOf(arguments, capacity);
            freeSlots = Arrays.copyOf(freeSlots, capacity);
        }
        return slotsUsed++;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** Time of the next event; {@code +Infinity} when there is none. */
    public double nextTime() {
        return size == 0 ? Double.POSITIVE_INFINITY : times[0];
    }

    /** Takes the next event and makes it current; the calendar's time becomes the event's. */
    public void pop() {
        if (size == 0) {
            throw new IllegalStateException("the calendar is empty");
        }
        now = times[0];
        int slot = (int) (keys[0] & SLOT_MASK);
        currentKind = kinds[slot];
        currentSubject = subjects[slot];
        currentArgument = arguments[slot];
        freeSlots[freeSlotCount++] = slot;
        size--;
        if (size > 0) {
            siftDownLast();
        }
    }

    private void siftDownLast() {
        double time = times[size];
        long key = keys[size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(times[right], keys[right], times[child], keys[child])) {
                child = right;
            }
            if (!before(times[child], keys[child], time, key)) {
                break;
            }
            times[i] = times[child];
            keys[i] = keys[child];
            i = child;
        }
        times[i] = time;
        keys[i] = key;
    }

    /** Moves the calendar's time forward to {@code time} without an event (a live tick's end). */
    public void advanceTo(double time) {
        if (time < now) {
            throw new IllegalArgumentException("time " + time + " is before the calendar's time " + now);
        }
        if (time > nextTime()) {
            throw new IllegalArgumentException("time " + time + " is past the next event at " + nextTime());
        }
        now = time;
    }

    public double now() {
        return now;
    }

    public int kind() {
        return currentKind;
    }

    public int subject() {
        return currentSubject;
    }

    public int argument() {
        return currentArgument;
    }

    /** Earlier, or as early and scheduled first (keys order as their sequences: each sequence is used once). */
    private static boolean before(double t1, long k1, double t2, long k2) {
        return t1 < t2 || (t1 == t2 && k1 < k2);
    }

    /** The pending events and counters, as plain data for a snapshot; restoring it gives the same order. */
    public State state() {
        List<double[]> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int slot = (int) (keys[i] & SLOT_MASK);
            events.add(new double[] {times[i], keys[i] >>> SLOT_BITS, kinds[slot], subjects[slot], arguments[slot]});
        }
        return new State(now, nextSequence, events);
    }

    /** Replaces the calendar's content by a saved one. */
    public void restore(State state) {
        size = 0;
        freeSlotCount = 0;
        slotsUsed = 0;
        now = state.now();
        nextSequence = state.nextSequence();
        for (double[] e : state.events()) {
            insert(e[0], (long) e[1], (int) e[2], (int) e[3], (int) e[4]);
        }
    }

    /**
     * A calendar's content. Each event is {@code [time, sequence, kind, subject, argument]}; the
     * sequence and ints are exact in a double (below 2^53).
     */
    public record State(double now, long nextSequence, List<double[]> events) {}
}
