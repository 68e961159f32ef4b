package io.terafab.platform.clock;

import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.terafab.platform.messaging.EventPublisher;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.twin.Twin;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Drives a service's model in step with the twin clock: every {@code twin.tick.interval} of wall
 * time, each {@link TwinTick} bean runs under the state lock with the current simulated instant,
 * from the start of the service on (after its state is restored). A failing tick is logged and the
 * next one runs; it never stops the service. While the outbox is full, ticks wait: the model falls
 * behind the clock and catches up once the broker took outputs.
 */
@ApplicationScoped
public class TwinTicker {

    private static final Logger LOG = Logger.getLogger(TwinTicker.class);

    @Inject
    TwinClock clock;

    @Inject
    StateKeeper state;

    @Inject
    EventPublisher publisher;

    @ConfigProperty(name = "twin.tick.interval", defaultValue = "1s")
    Duration interval;

    @Inject
    @Any
    Instance<TwinTick<?>> ticks;

    @Inject
    Instance<Twin<?>> twin;

    private ScheduledExecutorService executor;

    /**
     * Starts the ticks once every other start-up observer ran (the highest priority value runs
     * last): a tick holds the state lock, and a bean that reads the state while being created (a
     * service's metrics) must not be created by the tick's thread while start-up waits for it.
     */
    void onStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        for (TwinTick<?> tick : ticks) {
            @SuppressWarnings("unchecked") // a service has one Twin, and its ticks move that twin's model
            TwinTick<Object> ofModel = (TwinTick<Object>) tick;
            Twin<?> model = twin.get();
            every(ClientProxy.unwrap(tick).getClass().getSimpleName(), now -> ofModel.tick(model.locked(), now));
        }
    }

    /** Runs {@code tick} with the simulated now, under the state lock, every interval. */
    private synchronized void every(String name, Consumer<Instant> tick) {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "twin-ticker");
                t.setDaemon(true);
                return t;
            });
        }
        long millis = interval.toMillis();
        executor.scheduleAtFixedRate(
                () -> {
                    if (!state.outbox().hasRoom()) {
                        // backpressure: the first tick with room catches the model up to the clock; the
                        // decisions handlers took still go, or a held channel could never drain the outbox
                        state.locked(publisher::snapshotDecisions);
                        return;
                    }
                    try {
                        state.locked(() -> {
                            try {
                                tick.accept(clock.now());
                            } finally {
                                publisher.snapshotDecisions(); // the decisions it took: sent once a snapshot holds them
                            }
                        });
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Tick %s failed", name);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    public Duration interval() {
        return interval;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
