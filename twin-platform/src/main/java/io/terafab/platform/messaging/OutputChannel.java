package io.terafab.platform.messaging;

import io.terafab.platform.state.Outbox;
import io.terafab.platform.state.PendingEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Delivers one output channel's events from the outbox, in the running service, until the broker
 * takes them.
 *
 * <p>While all goes well an event is sent as soon as it is published. Once the broker refuses one
 * (a nack after the client's own retries), the channel stops sending directly: after a
 * {@link RetryBackoff} wait it re-sends everything the outbox owes on the channel, oldest first, so
 * events of one entity keep their order; new events wait in the outbox meanwhile. When everything
 * re-sent was acknowledged, direct sending resumes. An emitter with no room left (a burst larger
 * than its buffer and the sink's in-flight limit) is no refusal: the rest waits in the outbox, in
 * order, and goes as soon as an acknowledgement frees room. A re-sent event
 * keeps its id, so a consumer that got the first copy drops the second.
 *
 * <p>A channel can also be held ({@link #hold}): a tick's decision on it waits for the snapshot
 * that holds it, and what is published after it waits behind it; {@link #release} sends them all,
 * in order, the way a retry does.
 */
final class OutputChannel {

    /** What the publisher counts and logs. */
    interface Deliveries {

        void acknowledged(PendingEvent event);

        void refused(PendingEvent event, Throwable failure);

        void retrying(String channel, int owed, Duration wait, Throwable cause);

        void recovered(String channel);
    }

    private static final Logger LOG = Logger.getLogger(OutputChannel.class);

    private final String name;
    private final Emitter<Object> emitter;
    private final Outbox outbox;
    private final Function<PendingEvent, Message<Object>> messages;
    private final ScheduledExecutorService scheduler;
    private final RetryBackoff backoff;
    private final Deliveries deliveries;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private boolean retrying; // guarded by this
    private boolean waitingForRoom; // guarded by this
    private int holds; // guarded by this: decisions on this channel still waiting for their snapshot
    private boolean reportRecovery; // guarded by this: a refusal or a restart's re-send made it retry
    private ScheduledFuture<?> nextRetry; // guarded by this

    OutputChannel(
            String name,
            Emitter<Object> emitter,
            Outbox outbox,
            Function<PendingEvent, Message<Object>> messages,
            ScheduledExecutorService scheduler,
            RetryBackoff backoff,
            Deliveries deliveries) {
        this.name = name;
        this.emitter = emitter;
        this.outbox = outbox;
        this.messages = messages;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.deliveries = deliveries;
    }

    /** Sends an event just added to the outbox, unless the channel is catching up (then the retry sends it). */
    void offer(PendingEvent event) {
        synchronized (this) {
            if (retrying || holds > 0) {
                return;
            }
            inFlight.add(event.sequence());
        }
        send(event);
    }

    /** Re-sends what the outbox still owes on this channel (a previous run's outputs), from the scheduler's thread. */
    void resendOwed() {
        synchronized (this) {
            if (outbox.events(name).isEmpty()) {
                return;
            }
            retrying = true;
            reportRecovery = true;
            scheduleRetry(Duration.ZERO);
        }
    }

    /** Holds back what is published on this channel from now on, until as many {@link #release}s. */
    synchronized void hold() {
        holds++;
    }

    /** Ends one {@link #hold}; the last one sends what waited, oldest first, the way a retry does. */
    void release() {
        synchronized (this) {
            if (holds == 0) {
                throw new IllegalStateException("channel " + name + " released more often than held");
            }
            if (--holds > 0 || outbox.events(name).isEmpty()) {
                return;
            }
            retrying = true;
            scheduleRetry(Duration.ZERO);
        }
    }

    synchronized boolean retrying() {
        return retrying;
    }

    /** Sends one event; false when the emitter refused it at once (no subscriber, no room). */
    private boolean send(PendingEvent event) {
        Message<Object> message = messages.apply(event)
                .withAck(() -> {
                    acknowledged(event);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    refused(event, failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
            return true;
        } catch (RuntimeException full) {
            // no room in the emitter (or, at start, no subscriber yet): wait for an acknowledgement,
            // or the backoff should none come
            inFlight.remove(event.sequence());
            synchronized (this) {
                retrying = true;
                reportRecovery = true;
                waitingForRoom = true;
                scheduleRetry(backoff.next());
            }
            LOG.debugf("No room on %s (%s): %s waits in the outbox", name, full.getMessage(), event.id());
            return false;
        }
    }

    private void acknowledged(PendingEvent event) {
        outbox.remove(event); // first: a retry running now must not find it owed and no longer in flight
        inFlight.remove(event.sequence());
        deliveries.acknowledged(event);
        boolean recovered = false;
        synchronized (this) {
            if (waitingForRoom) {
                waitingForRoom = false;
                if (nextRetry != null && nextRetry.cancel(false)) {
                    nextRetry = null;
                }
                scheduleRetry(Duration.ZERO);
            } else if (retrying && nextRetry == null && inFlight.isEmpty()) {
                if (outbox.events(name).isEmpty()) {
                    retrying = false;
                    backoff.reset();
                    recovered = reportRecovery;
                    reportRecovery = false;
                } else {
                    scheduleRetry(Duration.ZERO); // published while the retry ran
                }
            }
        }
        if (recovered) {
            deliveries.recovered(name);
        }
    }

    private void refused(PendingEvent event, Throwable failure) {
        inFlight.remove(event.sequence());
        deliveries.refused(event, failure);
        synchronized (this) {
            retrying = true;
            reportRecovery = true;
            if (nextRetry == null) {
                Duration wait = backoff.next();
                scheduleRetry(wait);
                deliveries.retrying(name, outbox.events(name).size(), wait, failure);
            }
        }
    }

    private void scheduleRetry(Duration wait) { // holding this
        if (nextRetry == null) {
            nextRetry = scheduler.schedule(this::retry, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Re-sends, oldest first, what the outbox owes on this channel and is not already on its way. */
    private void retry() {
        List<PendingEvent> owed;
        boolean recovered = false;
        synchronized (this) {
            nextRetry = null;
            if (holds > 0) {
                return; // the last release schedules the retry again
            }
            owed = outbox.events(name).stream()
                    .filter(e -> inFlight.add(e.sequence()))
                    .toList();
            if (owed.isEmpty() && inFlight.isEmpty()) {
                retrying = false;
                backoff.reset();
                recovered = reportRecovery;
                reportRecovery = false;
            }
        }
        if (!retrying()) {
            if (recovered) {
                deliveries.recovered(name);
            }
            return;
        }
        LOG.debugf("Re-sending %d events on %s", owed.size(), name);
        for (int i = 0; i < owed.size(); i++) {
            if (!send(owed.get(i))) {
                // the emitter is full: the rest waits for the next retry, in order
                owed.subList(i + 1, owed.size()).forEach(e -> inFlight.remove(e.sequence()));
                return;
            }
        }
    }
}
