package io.terafab.platform.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * An emitter that sends through Kafka's {@link MockProducer}, acknowledging a message when the
 * producer completes its record and nacking it when the producer fails it, as SmallRye's Kafka
 * sink does; and, like a bounded emitter, refusing a message at once when {@code room} messages
 * are already on their way.
 */
final class MockProducerEmitter implements Emitter<Object> {

    final MockProducer<String, String> producer =
            new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
    private final String topic;
    private final int room;
    private final AtomicInteger onTheirWay = new AtomicInteger();

    MockProducerEmitter(String topic, int room) {
        this.topic = topic;
        this.room = room;
    }

    @Override
    public <M extends Message<? extends Object>> void send(M message) {
        if (onTheirWay.incrementAndGet() > room) {
            onTheirWay.decrementAndGet();
            throw new IllegalStateException("Insufficient downstream requests to emit item");
        }
        producer.send(new ProducerRecord<>(topic, String.valueOf(message.getPayload())), (metadata, failure) -> {
            onTheirWay.decrementAndGet();
            if (failure == null) {
                message.ack();
            } else {
                message.nack(failure);
            }
        });
    }

    /** The values sent so far, in order, refused ones included. */
    java.util.List<String> sent() {
        return producer.history().stream().map(ProducerRecord::value).toList();
    }

    @Override
    public CompletionStage<Void> send(Object payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        send(Message.of(
                payload,
                () -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    done.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return done;
    }

    @Override
    public void complete() {}

    @Override
    public void error(Exception e) {}

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean hasRequests() {
        return onTheirWay.get() < room;
    }
}
