package io.terafab.platform.messaging;

import io.terafab.platform.model.ModelRejection;
import io.terafab.platform.state.StateKeeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Operators' writes as events: a REST command is published on a topic its own service consumes
 * (acknowledged by every in-sync replica), and the answer waits until the service's gate applied
 * it like any input. So a command is durable before it is answered, replayed after a crash,
 * deduplicated by id, dead-lettered with its reason when the model refuses it, and seen by every
 * other consumer of the topic.
 *
 * <p>The command is not put in the outbox: it is not an output of a change but an input, and the
 * broker's acknowledgement (or its refusal, answered at once) is what makes it durable.
 */
@ApplicationScoped
public class OperatorCommands {

    /** What a caller may send as {@code Idempotency-Key}: it becomes the event id, so it must fit one. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Inject
    AppliedEvents applied;

    @Inject
    StateKeeper state;

    /** How long a command waits for the broker's acknowledgement and then for its application, in all. */
    @ConfigProperty(name = "twin.commands.timeout", defaultValue = "10s")
    Duration timeout;

    private final Map<String, Emitter<Object>> channels = new ConcurrentHashMap<>();

    /** Makes a commands channel's emitter known, by channel name. */
    public void register(String channel, Emitter<Object> emitter) {
        channels.put(channel, emitter);
    }

    /**
     * The event id of a command: the caller's idempotency key when it gave one (a re-send with the
     * same key is then a duplicate, applied once), else a random UUID.
     */
    public String eventId(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            return UUID.randomUUID().toString();
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw ModelRejection.invalid(
                    "Idempotency-Key must be 1 to 100 letters, digits or . _ : -, was " + idempotencyKey);
        }
        return idempotencyKey;
    }

    /** True when a command with this id was applied already: its re-send will be a duplicate. */
    public boolean alreadyApplied(String eventId) {
        return state.wasApplied(eventId);
    }

    /**
     * Publishes a command on a registered channel and waits, up to {@code twin.commands.timeout} in
     * all, for the broker's acknowledgement and then for the gate's outcome. Blocks: call it from a
     * worker thread (a blocking REST method), never from the event loop.
     */
    public CommandOutcome send(String channel, OutgoingEvent command) throws InterruptedException {
        Emitter<Object> emitter = channels.get(channel);
        if (emitter == null) {
            throw new IllegalStateException("no commands channel " + channel + " registered");
        }
        String id = command.id();
        long deadline = System.nanoTime() + timeout.toNanos();
        applied.expect(id); // before the send: the gate may apply it before send returns
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            emitter.send(EventPublisher.message(id, command.type(), command.key(), command.time(), command.data())
                    .withAck(() -> {
                        acknowledged.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        acknowledged.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
            acknowledged.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (ExecutionException refused) {
            applied.forget(id);
            return notOnTheLog(id, CommandOutcome.Status.NOT_PUBLISHED, "the broker refused it: " + refused.getCause());
        } catch (TimeoutException slow) {
            applied.forget(id);
            return notOnTheLog(
                    id,
                    CommandOutcome.Status.UNCONFIRMED,
                    "the broker did not acknowledge it within " + timeout + "; it may still be applied");
        } catch (RuntimeException full) { // the emitter could not take it (no room, not subscribed yet)
            applied.forget(id);
            return notOnTheLog(id, CommandOutcome.Status.NOT_PUBLISHED, "the channel did not take it: " + full);
        }
        Optional<AppliedEvents.Result> result = applied.await(id, Duration.ofNanos(remaining(deadline)));
        return result.map(OperatorCommands::outcome)
                .orElseGet(() -> new CommandOutcome(id, CommandOutcome.Status.PENDING, null, null));
    }

    private static CommandOutcome outcome(AppliedEvents.Result result) {
        return switch (result.outcome()) {
            case APPLIED -> new CommandOutcome(result.eventId(), CommandOutcome.Status.APPLIED, null, null);
            case DUPLICATE -> new CommandOutcome(result.eventId(), CommandOutcome.Status.DUPLICATE, null, null);
            case REJECTED ->
                new CommandOutcome(
                        result.eventId(), CommandOutcome.Status.REJECTED, result.rejection(), result.reason());
        };
    }

    private static CommandOutcome notOnTheLog(String id, CommandOutcome.Status status, String why) {
        return new CommandOutcome(id, status, null, why);
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
