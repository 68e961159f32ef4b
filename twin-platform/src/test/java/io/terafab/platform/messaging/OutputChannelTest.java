package io.terafab.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.terafab.platform.state.Outbox;
import io.terafab.platform.state.PendingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutputChannelTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Outbox outbox = new Outbox(100);
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private OutputChannel channel(MockProducerEmitter emitter) {
        return new OutputChannel(
                "budgets",
                emitter,
                outbox,
                e -> Message.of(e.id()),
                scheduler,
                new RetryBackoff(Duration.ofMillis(20), Duration.ofMillis(80)),
                new OutputChannel.Deliveries() {
                    @Override
                    public void acknowledged(PendingEvent event) {
                        log.add("acked " + event.id());
                    }

                    @Override
                    public void refused(PendingEvent event, Throwable failure) {
                        log.add("refused " + event.id());
                    }

                    @Override
                    public void retrying(String channel, int owed, Duration wait, Throwable cause) {
                        log.add("retrying " + owed + " in " + wait.toMillis() + " ms");
                    }

                    @Override
                    public void recovered(String channel) {
                        log.add("recovered");
                    }
                });
    }

    private PendingEvent publish(OutputChannel channel, String id) {
        PendingEvent event =
                outbox.add("budgets", id, "t", "fab", Instant.EPOCH, JsonNodeFactory.instance.objectNode());
        channel.offer(event);
        return event;
    }

    @Test
    void aNackedEventIsResentAfterTheBackoffAndLeavesTheOutboxOnceTheBrokerTakesIt() {
        MockProducerEmitter emitter = new MockProducerEmitter("power.budget", 10);
        OutputChannel channel = channel(emitter);
        publish(channel, "b-1");
        emitter.producer.errorNext(new TimeoutException("Expiring 1 record(s): 120000 ms has passed"));
        assertThat(outbox.size()).as("a refused event stays owed").isEqualTo(1);
        assertThat(channel.retrying()).isTrue();

        eventually(() -> emitter.sent().size() == 2, "the refused event is sent again");
        assertThat(emitter.sent()).containsExactly("b-1", "b-1");
        emitter.producer.completeNext();

        assertThat(outbox.size()).isZero();
        eventually(() -> !channel.retrying(), "direct publishing resumes");
        assertThat(log).containsExactly("refused b-1", "retrying 1 in 20 ms", "acked b-1", "recovered");
    }

    @Test
    void theBackoffDoublesWhileTheBrokerKeepsRefusing() {
        MockProducerEmitter emitter = new MockProducerEmitter("power.budget", 10);
        OutputChannel channel = channel(emitter);
        publish(channel, "b-1");
        for (int attempt = 1; attempt <= 4; attempt++) {
            int sends = attempt;
            eventually(() -> emitter.sent().size() == sends, "attempt " + sends);
            emitter.producer.errorNext(new TimeoutException("broker unreachable"));
        }
        eventually(() -> emitter.sent().size() == 5, "a fifth attempt");
        emitter.producer.completeNext();

        assertThat(outbox.size()).isZero();
        assertThat(log)
                .filteredOn(l -> l.startsWith("retrying"))
                .containsExactly(
                        "retrying 1 in 20 ms", "retrying 1 in 40 ms", "retrying 1 in 80 ms", "retrying 1 in 80 ms");
    }

    @Test
    void eventsPublishedWhileTheChannelCatchesUpWaitAndFollowInTheirOrder() {
        MockProducerEmitter emitter = new MockProducerEmitter("power.budget", 10);
        OutputChannel channel = channel(emitter);
        publish(channel, "b-1");
        emitter.producer.errorNext(new TimeoutException("broker unreachable"));
        publish(channel, "b-2");
        publish(channel, "b-3");

        eventually(
                () -> {
                    emitter.producer.completeNext(); // the broker takes what was re-sent
                    return emitter.sent().size() == 4;
                },
                "the retry sends everything owed");
        assertThat(emitter.sent())
                .as("nothing jumps ahead of the refused event")
                .containsExactly("b-1", "b-1", "b-2", "b-3");
        while (emitter.producer.completeNext()) {
            // the broker takes all three
        }
        assertThat(outbox.size()).isZero();
        eventually(() -> !channel.retrying(), "direct publishing resumes");
        publish(channel, "b-4");
        assertThat(emitter.sent()).last().isEqualTo("b-4");
    }

    @Test
    void aFullEmitterLeavesTheRestInTheOutboxToGoInOrderAsAcknowledgementsFreeRoom() {
        MockProducerEmitter emitter = new MockProducerEmitter("power.budget", 2);
        OutputChannel channel = channel(emitter);
        for (int i = 1; i <= 5; i++) {
            publish(channel, "b-" + i);
        }
        assertThat(emitter.sent()).containsExactly("b-1", "b-2");
        assertThat(outbox.size()).isEqualTo(5);

        for (int acked = 0; acked < 5; ) {
            if (emitter.producer.completeNext()) {
                acked++;
            }
            Thread.onSpinWait();
        }
        assertThat(outbox.size()).isZero();
        assertThat(emitter.sent()).containsExactly("b-1", "b-2", "b-3", "b-4", "b-5");
        assertThat(log).as("a full emitter is no refusal of the broker").noneMatch(l -> l.startsWith("refused"));
    }

    @Test
    void whatAPreviousRunOwedIsSentWhenTheChannelIsRegistered() {
        MockProducerEmitter emitter = new MockProducerEmitter("power.budget", 10);
        outbox.add("budgets", "b-7", "t", "fab", Instant.EPOCH, JsonNodeFactory.instance.objectNode());
        outbox.add("grid-state", "g-1", "t", "site", Instant.EPOCH, JsonNodeFactory.instance.objectNode());
        channel(emitter).resendOwed();

        eventually(() -> emitter.sent().size() == 1, "the owed event is sent");
        emitter.producer.completeNext();
        assertThat(emitter.sent()).as("only this channel's").containsExactly("b-7");
        assertThat(outbox.events()).extracting(PendingEvent::id).containsExactly("g-1");
    }

    @Test
    void aHeldChannelSendsNothingUntilReleasedThenEverythingInOrderWithoutReportingARecovery() {
        MockProducerEmitter emitter = new MockProducerEmitter("cluster.capacity-requests", 10);
        OutputChannel channel = channel(emitter);
        channel.hold();
        publish(channel, "decision-1");
        channel.hold(); // a second tick's decision before the first one's snapshot was written
        publish(channel, "decision-2");
        publish(channel, "after-2");

        channel.release();
        assertThat(emitter.sent()).as("one hold is left").isEmpty();
        channel.release();
        eventually(() -> emitter.sent().size() == 3, "the release sends what waited");
        assertThat(emitter.sent()).containsExactly("decision-1", "decision-2", "after-2");
        while (emitter.producer.completeNext()) {
            // the broker takes all three
        }
        eventually(() -> !channel.retrying(), "direct publishing resumes");
        assertThat(outbox.size()).isZero();
        assertThat(log).as("a release is no recovery from a refusal").doesNotContain("recovered");
        assertThatThrownBy(channel::release).isInstanceOf(IllegalStateException.class);
    }

    static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.onSpinWait();
        }
    }
}
