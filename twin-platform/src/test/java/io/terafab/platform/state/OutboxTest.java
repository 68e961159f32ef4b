package io.terafab.platform.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Outbox outbox = new Outbox(2, nanos::get);

    private PendingEvent add(String channel, String id) {
        return outbox.add(channel, id, "t", "k", Instant.EPOCH, JsonNodeFactory.instance.objectNode());
    }

    @Test
    void aFullOutboxHasNoRoomButStillTakesWhatAChangeProduced() {
        add("a", "1");
        assertThat(outbox.hasRoom()).isTrue();
        add("a", "2");
        assertThat(outbox.hasRoom()).isFalse();
        add("a", "3");
        assertThat(outbox.size()).as("nothing is dropped").isEqualTo(3);
    }

    @Test
    void whoWaitsForRoomIsWokenWhenAnAcknowledgementFreesSome() {
        PendingEvent first = add("a", "1");
        PendingEvent second = add("a", "2");
        add("a", "3");
        CompletableFuture<Void> room = outbox.whenRoom().toCompletableFuture();
        assertThat(room).isNotDone();
        outbox.remove(first);
        assertThat(room).as("still at capacity").isNotDone();
        outbox.remove(second);
        assertThat(room).isDone();
        assertThat(outbox.whenRoom().toCompletableFuture()).isDone();
    }

    @Test
    void theOldestOwedOutputsAgeIsMeasuredFromWhenItWasRecorded() {
        assertThat(outbox.oldestAgeSeconds()).isZero();
        PendingEvent first = add("a", "1");
        nanos.addAndGet(3_000_000_000L);
        add("b", "2");
        nanos.addAndGet(1_000_000_000L);
        assertThat(outbox.oldestAgeSeconds()).isEqualTo(4.0);
        outbox.remove(first);
        assertThat(outbox.oldestAgeSeconds()).isEqualTo(1.0);
    }

    @Test
    void restoredOutputsKeepTheirOrderAndNewOnesComeAfterThem() {
        outbox.restore(new PendingEvent(41, "a", "x", "t", "k", Instant.EPOCH, JsonNodeFactory.instance.objectNode()));
        PendingEvent next = add("a", "y");
        assertThat(next.sequence()).isEqualTo(42);
        assertThat(outbox.events("a")).extracting(PendingEvent::id).containsExactly("x", "y");
        assertThat(outbox.events("b")).isEmpty();
    }
}
