package io.terafab.platform.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The outputs a service still owes, in the order they were caused: each is recorded in the same
 * step as the change that caused it and forgotten only once the broker acknowledged it (see
 * {@link PendingEvent}).
 *
 * <p>Bounded: once it holds {@code capacity} events, inputs and ticks wait for room
 * ({@link #hasRoom}, {@link #whenRoom}) instead of letting memory and snapshots grow while the
 * broker is away. Nothing is ever dropped, so a batch or a tick that started with room may leave it
 * above capacity by what it produced.
 */
public final class Outbox {

    private final ConcurrentSkipListMap<Long, PendingEvent> events = new ConcurrentSkipListMap<>();
    private final Map<Long, Long> addedAtNanos = new ConcurrentHashMap<>();
    private final AtomicLong nextSequence = new AtomicLong();
    private final int capacity;
    private final LongSupplier nanoTime;
    private final List<CompletableFuture<Void>> roomWaiters = new ArrayList<>(); // guarded by this

    public Outbox(int capacity) {
        this(capacity, System::nanoTime);
    }

    Outbox(int capacity, LongSupplier nanoTime) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("outbox capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
        this.nanoTime = nanoTime;
    }

    /** Records an output; call it inside the change that caused it. */
    public PendingEvent add(String channel, String id, String type, String key, Instant time, JsonNode data) {
        PendingEvent event = new PendingEvent(nextSequence.getAndIncrement(), channel, id, type, key, time, data);
        put(event);
        return event;
    }

    /** Puts back an output a snapshot still owed. */
    void restore(PendingEvent event) {
        put(event);
        nextSequence.updateAndGet(s -> Math.max(s, event.sequence() + 1));
    }

    private void put(PendingEvent event) {
        addedAtNanos.put(event.sequence(), nanoTime.getAsLong());
        events.put(event.sequence(), event);
    }

    /** Forgets an output the broker acknowledged, and wakes whoever waits for room. */
    public void remove(PendingEvent event) {
        if (events.remove(event.sequence()) == null) {
            return;
        }
        addedAtNanos.remove(event.sequence());
        if (hasRoom()) {
            List<CompletableFuture<Void>> waiting;
            synchronized (this) {
                waiting = new ArrayList<>(roomWaiters);
                roomWaiters.clear();
            }
            waiting.forEach(w -> w.complete(null));
        }
    }

    /** Every owed output, oldest first. */
    public List<PendingEvent> events() {
        return new ArrayList<>(events.values());
    }

    /** The owed outputs of one channel, oldest first. */
    public List<PendingEvent> events(String channel) {
        return events.values().stream().filter(e -> e.channel().equals(channel)).toList();
    }

    public boolean contains(PendingEvent event) {
        return events.containsKey(event.sequence());
    }

    public int size() {
        return events.size();
    }

    public int capacity() {
        return capacity;
    }

    public boolean hasRoom() {
        return events.size() < capacity;
    }

    /** Completes once the outbox has room: at once if it has now, else when acknowledgements free some. */
    public CompletionStage<Void> whenRoom() {
        CompletableFuture<Void> room = new CompletableFuture<>();
        synchronized (this) {
            if (!hasRoom()) {
                roomWaiters.add(room);
                // an acknowledgement between the check and the add would have found no waiter
                if (!hasRoom()) {
                    return room;
                }
                roomWaiters.remove(room);
            }
        }
        room.complete(null);
        return room;
    }

    /** Wall-clock seconds the oldest owed output has waited for its acknowledgement (0 when none is owed). */
    public double oldestAgeSeconds() {
        var oldest = events.firstEntry();
        if (oldest == null) {
            return 0;
        }
        Long added = addedAtNanos.get(oldest.getKey());
        return added == null ? 0 : Math.max(0, nanoTime.getAsLong() - added) / 1e9;
    }
}
