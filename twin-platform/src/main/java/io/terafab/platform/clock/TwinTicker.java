package io.terafab.platform.clock;

import io.quarkus.runtime.ShutdownEvent;
import io.terafab.platform.state.StateKeeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 * time, each registered tick runs under the state lock with the current simulated instant. A
 * failing tick is logged and the next one runs; it never stops the service. While the outbox is
 * full, ticks wait: the model falls behind the clock and catches up once the broker took outputs.
 */
@ApplicationScoped
public class TwinTicker {

    private static final Logger LOG = Logger.getLogger(TwinTicker.class);

    @Inject
    TwinClock clock;

    @Inject
    StateKeeper state;

    @ConfigProperty(name = "twin.tick.interval", defaultValue = "1s")
    Duration interval;

    private ScheduledExecutorService executor;

    /** Runs {@code tick} with the simulated now, under the state lock, every interval. */
    public synchronized void every(String name, Consumer<Instant> tick) {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "twin-ticker");
                t.setDaemon(true);
                return t;
            });
        }
        long millis = interval.toMillis();
        executor.scheduleAtFixedRate(() -> {
            if (!state.outbox().hasRoom()) {
                return; // backpressure: the first tick with room catches the model up to the clock
            }
            try {
                state.locked(() -> tick.accept(clock.now()));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Tick %s failed", name);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
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
