package io.terafab.fab.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The future event list: a binary min-heap ordered by time, then by the order events were
 * scheduled, so two events at the same instant always run in the same order (a run is
 * reproducible). An event is three ints (a kind, a subject, an argument) at a time; the model
 * interprets them. Parallel primitive arrays instead of event objects: no allocation per event,
 * which is most of what makes a year of a fab run in seconds.
 *
 * <p>Events are never removed: a model that must cancel one carries a token in the argument and
 * ignores the event when the token is stale.
 */
public final class EventCalendar {

    private static final int INITIAL_CAPACITY = 1 << 10;

    private double[] times = new double[INITIAL_CAPACITY];
    private long[] sequences = new long[INITIAL_CAPACITY];
    private int[] kinds = new int[INITIAL_CAPACITY];
    private int[] subjects = new int[INITIAL_CAPACITY];
    private int[] arguments = new int[INITIAL_CAPACITY];
    private int size;
    private long nextSequence;

    private double now;
    private int currentKind;
    private int currentSubject;
    private int currentArgument;

    /** Schedules an event; a time before the current one is refused (it would run in the past). */
    public void schedule(double time, int kind, int subject, int argument) {
        if (!(time >= now)) {
            throw new IllegalArgumentException("event time " + time + " is before the calendar's time " + now);
        }
        if (size == times.length) {
            grow();
        }
        insert(time, nextSequence++, kind, subject, argument);
    }

    private void insert(double time, long sequence, int kind, int subject, int argument) {
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, sequence, times[parent], sequences[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, sequence, kind, subject, argument);
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
        currentKind = kinds[0];
        currentSubject = subjects[0];
        currentArgument = arguments[0];
        size--;
        if (size > 0) {
            siftDownLast();
        }
    }

    private void siftDownLast() {
        double time = times[size];
        long sequence = sequences[size];
        int kind = kinds[size];
        int subject = subjects[size];
        int argument = arguments[size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(times[right], sequences[right], times[child], sequences[child])) {
                child = right;
            }
            if (!before(times[child], sequences[child], time, sequence)) {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, time, sequence, kind, subject, argument);
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

    private static boolean before(double t1, long s1, double t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        sequences[to] = sequences[from];
        kinds[to] = kinds[from];
        subjects[to] = subjects[from];
        arguments[to] = arguments[from];
    }

    private void set(int i, double time, long sequence, int kind, int subject, int argument) {
        times[i] = time;
        sequences[i] = sequence;
        kinds[i] = kind;
        subjects[i] = subject;
        arguments[i] = argument;
    }

    private void grow() {
        int capacity = times.length * 2;
        times = Arrays.copyOf(times, capacity);
        sequences = Arrays.copyOf(sequences, capacity);
        kinds = Arrays.copyOf(kinds, capacity);
        subjects = Arrays.copyOf(subjects, capacity);
        arguments = Arrays.copyOf(arguments, capacity);
    }

    /** The pending events and counters, as plain data for a snapshot; restoring it gives the same order. */
    public State state() {
        List<double[]> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            events.add(new double[] {times[i], sequences[i], kinds[i], subjects[i], arguments[i]});
        }
        return new State(now, nextSequence, events);
    }

    /** Replaces the calendar's content by a saved one. */
    public void restore(State state) {
        size = 0;
        now = state.now();
        nextSequence = state.nextSequence();
        for (double[] e : state.events()) {
            if (size == times.length) {
                grow();
            }
            insert(e[0], (long) e[1], (int) e[2], (int) e[3], (int) e[4]);
        }
    }

    /**
     * A calendar's content. Each event is {@code [time, sequence, kind, subject, argument]}; the
     * sequence and ints are exact in a double (below 2^53).
     */
    public record State(double now, long nextSequence, List<double[]> events) {
    }
}
