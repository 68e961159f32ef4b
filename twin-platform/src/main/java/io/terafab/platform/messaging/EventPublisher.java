package io.terafab.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.terafab.platform.state.PendingEvent;
import io.terafab.platform.state.StateKeeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Publishes events with the CloudEvents envelope (written by SmallRye in binary mode) and the
 * entity key, through an outbox kept in the service's state: an event is recorded in the same
 * step as the change that caused it and forgotten only once the broker acknowledged it.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    @Inject
    StateKeeper state;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    private final Map<String, Emitter<Object>> emitters = new ConcurrentHashMap<>();

    /** Makes the emitters of a service's output channels known, by channel name (see {@code <Service>Outputs}). */
    public void register(Map<String, Emitter<Object>> emittersByChannel) {
        emittersByChannel.forEach(this::register);
    }

    /** Makes a channel's emitter known and re-sends what a previous run of the service still owed on it. */
    public void register(String channel, Emitter<Object> emitter) {
        emitters.put(channel, emitter);
        state.ensureRestored();
        for (PendingEvent event : state.pendingEvents()) {
            if (event.channel().equals(channel)) {
                LOG.infof("Re-sending %s %s on %s, not acknowledged before the restart", event.type(), event.id(), channel);
                send(emitter, event);
            }
        }
    }

    /** Publishes an event; call it from inside the state change (a handler or a locked block) that caused it. */
    public void publish(String channel, OutgoingEvent event) {
        Emitter<Object> emitter = emitters.get(channel);
        if (emitter == null) {
            throw new IllegalStateException("no emitter registered for channel " + channel);
        }
        PendingEvent pending = state.addPending(channel, event.id(), event.type(), event.key(), event.time(),
                mapper.valueToTree(event.data()));
        send(emitter, pending);
    }

    private void send(Emitter<Object> emitter, PendingEvent event) {
        var cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(event.id())
                .withType(event.type())
                .withSubject(event.key())
                .withTimestamp(event.time().atZone(ZoneOffset.UTC))
                .build();
        var kafka = OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build();
        Message<Object> message = Message.<Object>of(event.data(), Metadata.of(cloudEvent, kafka))
                .withAck(() -> {
                    state.removePending(event);
                    registry.counter("terafab.messaging.events.published", "channel", event.channel(), "type", event.type())
                            .increment();
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    // Stays in the outbox: the next start re-sends it.
                    LOG.warnf("Publishing %s %s on %s failed: %s", event.type(), event.id(), event.channel(), failure.getMessage());
                    registry.counter("terafab.messaging.events.publish.failures", "channel", event.channel()).increment();
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
    }
}
