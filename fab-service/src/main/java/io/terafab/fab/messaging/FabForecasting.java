package io.terafab.fab.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.terafab.fab.domain.FabForecaster;
import io.terafab.fab.domain.LiveFab;
import io.terafab.fab.twin.FabConfig;
import io.terafab.fab.twin.FabTwin;
import io.terafab.platform.state.StateKeeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Refreshes the fab's supply forecast on its schedule ({@code fab.forecast.*}): copies the live
 * fab's state under the state lock (a snapshot copy, well under a second), runs the replications
 * off the lock on this bean's own worker thread, keeps the result for {@code GET /fab/forecast}
 * and publishes it on the compacted {@code fab.forecasts} topic. The live model is never run by a
 * forecast: each replication restores its own simulation from the copy.
 */
@ApplicationScoped
public class FabForecasting {

    private static final Logger LOG = Logger.getLogger(FabForecasting.class);

    @Inject
    FabTwin twin;

    @Inject
    StateKeeper state;

    @Inject
    FabOutputs outputs;

    @Inject
    FabConfig config;

    private ScheduledExecutorService worker;
    private volatile FabForecaster.Forecast latest;

    void onStart(@Observes StartupEvent event) {
        FabConfig.Forecast f = config.forecast();
        if (!f.enabled()) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fab-forecast");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        worker.scheduleWithFixedDelay(
                this::refreshQuietly, f.initialDelay().toMillis(), f.every().toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    /** The latest forecast; empty until the first has run (or when forecasts are off). */
    public Optional<FabForecaster.Forecast> latest() {
        return Optional.ofNullable(latest);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf(
                    e,
                    "fab forecast failed; the next is due in %s",
                    config.forecast().every());
        }
    }

    /**
     * Runs one forecast now, on the calling thread; empty before the fab started.
     */
    public Optional<FabForecaster.Forecast> refresh() {
        FabForecaster.ForkPoint fork = twin.read(fab -> fab.started() ? fab.forkPoint() : null);
        if (fork == null) {
            return Optional.empty();
        }
        FabConfig.Forecast f = config.forecast();
        long seed = config.seed() ^ fork.at().toEpochMilli();
        FabForecaster.Forecast forecast = FabForecaster.forecast(fork, f.replications(), f.weeks(), seed, f.threads());
        latest = forecast;
        state.locked(() -> {
            LiveFab fab = twin.locked();
            outputs.forecast(forecast, fab.definition().name(), fab.now().orElse(fork.at()));
        });
        LOG.infof(
                "fab forecast from %s: %d replications of %d weeks in %.1f s of CPU",
                fork.at(), forecast.replications(), forecast.weeksAhead(), forecast.cpuSeconds());
        return Optional.of(forecast);
    }
}
