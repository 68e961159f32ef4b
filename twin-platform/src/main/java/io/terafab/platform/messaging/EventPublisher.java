package io.terafab.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.terafab.platform.state.PendingEvent;
import io.terafab.platform.state.StateKeeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Publishes events with the CloudEvents envelope (written by SmallRye in binary mode) and the
 * entity key, through the outbox kept in the service's state: an event is recorded in the same
 * step as the change that caused it and forgotten only once the broker acknowledged it. What the
 * broker refuses is re-sent by the running service with backoff until it is taken
 * ({@link OutputChannel}); a restart re-sends what the snapshot still owed.
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

    @Inject
    MessagingConfig config;

    private final Map<String, OutputChannel> channels = new ConcurrentHashMap<>();
    private ScheduledExecutorService retries;
    private final Set<OutputChannel> heldForSnapshot = new LinkedHashSet<>(); // guarded by the state lock

    /** Makes the emitters of a service's output channels known, by channel name (see {@code <Service>Outputs}). */
    public void register(Map<String, Emitter<Object>> emittersByChannel) {
        emittersByChannel.forEach(this::register);
    }

    /** Makes a channel's emitter known and re-sends what a previous run of the service still owed on it. */
    public void register(String channel, Emitter<Object> emitter) {
        state.ensureRestored();
        OutputChannel output = new OutputChannel(
                channel,
                emitter,
                state.outbox(),
                this::message,
                retries(),
                new RetryBackoff(config.retryBackoffInitial(), config.retryBackoffMax()),
                new Counted());
        channels.put(channel, output);
        output.resendOwed();
    }

    /** Publishes an event; call it from inside the state change (a handler or a locked block) that caused it. */
    public void publish(String channel, OutgoingEvent event) {
        channel(channel)
                .offer(state.outbox()
                        .add(
                                channel,
                                event.id(),
                                event.type(),
                                event.key(),
                                event.time(),
                                mapper.valueToTree(event.data())));
    }

    /**
     * Publishes a decision a tick took, once a snapshot holds it. A tick runs at the simulated
     * instant of the wall clock, so a model restored after a crash takes its decisions again at
     * other instants: a decision published since the last snapshot (a capacity request, a job step,
     * a lot out of a fab whose power was shed) would come again under the same id with other
     * content, and its consumers would dead-letter it. Once a snapshot holds the decision and its
     * output, the restored model knows it took it and re-sends the very same event, which consumers
     * drop as a duplicate.
     *
     * <p>The event joins the outbox now and its channel is held: it, and what is published on the
     * channel after it, wait until {@link #snapshotDecisions} (run by the ticker at the end of the
     * tick) had the snapshot written, off the state lock, then go in order.
     */
    public void publishDecision(String channel, OutgoingEvent event) {
        state.assertLocked();
        OutputChannel output = channel(channel);
        PendingEvent pending = state.outbox()
                .add(channel, event.id(), event.type(), event.key(), event.time(), mapper.valueToTree(event.data()));
        if (heldForSnapshot.add(output)) {
            output.hold();
        }
        output.offer(pending); // held: waits in the outbox
    }

    /**
     * Asks for a snapshot of the decisions published since the last call and sends them once it is
     * written; call it under the state lock at the end of the change that took them. When the
     * snapshot cannot be written they are sent all the same and counted: delivery comes first, and
     * a broker that refuses the snapshot holds the outputs back too (owed in the outbox, re-sent
     * until acknowledged).
     */
    public void snapshotDecisions() {
        state.assertLocked();
        if (heldForSnapshot.isEmpty()) {
            return;
        }
        List<OutputChannel> held = List.copyOf(heldForSnapshot);
        heldForSnapshot.clear();
        state.snapshotSoon().whenComplete((written, failure) -> {
            if (failure != null) {
                registry.counter("terafab.state.decisions.unsnapshotted").increment();
                LOG.warnf("Decisions sent without a snapshot holding them: %s", failure.getMessage());
            }
            held.forEach(OutputChannel::release);
        });
    }

    private OutputChannel channel(String name) {
        OutputChannel output = channels.get(name);
        if (output == null) {
            throw new IllegalStateException("no emitter registered for channel " + name);
        }
        return output;
    }

    private Message<Object> message(PendingEvent event) {
        return message(event.id(), event.type(), event.key(), event.time(), event.data());
    }

    /** A record with the CloudEvents envelope (SmallRye writes it in binary mode) and the entity as key and subject. */
    static Message<Object> message(String id, String type, String key, Instant time, Object data) {
        var cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(id)
                .withType(type)
                .withSubject(key)
                .withTimestamp(time.atZone(ZoneOffset.UTC))
                .build();
        var kafka = OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build();
        return Message.<Object>of(data, Metadata.of(cloudEvent, kafka));
    }

    private synchronized ScheduledExecutorService retries() {
        if (retries == null) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "twin-output-retries");
                t.setDaemon(true);
                return t;
            });
        }
        return retries;
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    /** Counts deliveries; logs a channel's refusals once per retry, not once per event. */
    private final class Counted implements OutputChannel.Deliveries {

        @Override
        public void acknowledged(PendingEvent event) {
            registry.counter("terafab.messaging.events.published", "channel", event.channel(), "type", event.type())
                    .increment();
        }

        @Override
        public void refused(PendingEvent event, Throwable failure) {
            registry.counter("terafab.messaging.events.publish.failures", "channel", event.channel())
                    .increment();
        }

        @Override
        public void retrying(String channel, int owed, Duration wait, Throwable cause) {
            LOG.warnf(
                    "The broker did not take an event on %s (%s): %d events owed on it, re-sent in %s",
                    channel, cause.getMessage(), owed, wait);
        }

        @Override
        public void recovered(String channel) {
            LOG.infof("Every event owed on %s was acknowledged: publishing directly again", channel);
        }
    }
}
