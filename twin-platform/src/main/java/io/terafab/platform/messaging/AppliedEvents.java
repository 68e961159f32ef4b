package io.terafab.platform.messaging;

import io.terafab.platform.envelope.RejectionReason;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets a caller that put an event on the log (a REST command) wait until the service's own gate
 * has applied it, like any other input: the answer is what the gate did with the event's id. Only
 * events somebody waits for cost anything.
 */
@ApplicationScoped
public class AppliedEvents {

    /** What the gate did with an event. */
    public enum Outcome {
        APPLIED,
        DUPLICATE,
        REJECTED
    }

    /**
     * @param rejection why a rejected event was dead-lettered, else null
     * @param reason the dead-letter reason ({@code <code>: <detail>}) of a rejected event, else null
     */
    public record Result(String eventId, Outcome outcome, RejectionReason rejection, String reason) {

        static Result applied(String eventId) {
            return new Result(eventId, Outcome.APPLIED, null, null);
        }

        static Result duplicate(String eventId) {
            return new Result(eventId, Outcome.DUPLICATE, null, null);
        }
    }

    private final Map<String, CompletableFuture<Result>> waiting = new ConcurrentHashMap<>();

    /** Call before the event is published, so its application cannot be missed. */
    public void expect(String eventId) {
        waiting.computeIfAbsent(eventId, id -> new CompletableFuture<>());
    }

    /**
     * Waits up to {@code timeout} for the gate to apply an expected event; empty if it did not in
     * time. Two callers waiting for the same id (a re-send racing the first) both learn the outcome.
     */
    public Optional<Result> await(String eventId, Duration timeout) throws InterruptedException {
        CompletableFuture<Result> result = waiting.computeIfAbsent(eventId, id -> new CompletableFuture<>());
        try {
            return Optional.of(result.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiting.remove(eventId, result); // only this wait's: a later expect of the id has its own
        }
    }

    /** Stops expecting an event that was never published (the broker refused it). */
    public void forget(String eventId) {
        waiting.remove(eventId);
    }

    boolean anyExpected() {
        return !waiting.isEmpty();
    }

    /** Called by the gate once the batch holding the event is applied, outside the state lock. */
    void settled(Result result) {
        CompletableFuture<Result> waiter = waiting.get(result.eventId());
        if (waiter != null) {
            waiter.complete(result);
        }
    }
}
