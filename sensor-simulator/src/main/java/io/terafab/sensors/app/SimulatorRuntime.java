package io.terafab.sensors.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.terafab.platform.clock.TwinClock;
import io.terafab.platform.kafka.KafkaConnection;
import io.terafab.sensors.catalog.CatalogFile;
import io.terafab.sensors.catalog.CatalogSource;
import io.terafab.sensors.catalog.CatalogUnavailableException;
import io.terafab.sensors.catalog.ServiceCatalog;
import io.terafab.sensors.generator.BadKind;
import io.terafab.sensors.generator.Catalog;
import io.terafab.sensors.generator.GeneratorSettings;
import io.terafab.sensors.generator.SensorTopic;
import io.terafab.sensors.generator.SensorTrafficGenerator;
import io.terafab.sensors.kafka.SensorProducer;
import io.terafab.sensors.kafka.TrafficPump;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the simulator: loads the catalog (retrying until the services answer), then pumps records
 * on a thread of its own while the catalog is refreshed in the background: the grid's figures
 * often, the rest less often. A refresh that fails keeps the catalog it had.
 */
@ApplicationScoped
public class SimulatorRuntime {

    private static final Logger LOG = Logger.getLogger(SimulatorRuntime.class);

    @Inject
    SimulatorConfig config;

    @Inject
    TwinClock clock;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    private GeneratorSettings settings;
    private CatalogSource source;
    private SentCounts counts;
    private ScheduledExecutorService refresher;
    private volatile SensorTrafficGenerator generator;
    private volatile TrafficPump pump;
    private volatile Catalog catalog;
    private volatile double rate;
    private volatile double badShare;
    private volatile boolean refreshFailing;
    private volatile boolean stopping;
    private Producer<String, byte[]> producer;
    private Thread pumpThread;

    void onStart(@Observes StartupEvent event) {
        settings = settings();
        rate = config.rate();
        badShare = config.badShare();
        source = config.catalogFile()
                .<CatalogSource>map(CatalogFile::new)
                .orElseGet(() -> new ServiceCatalog(
                        new ServiceCatalog.Endpoints(
                                config.catalog().fabUrl(),
                                config.catalog().chipUrl(),
                                config.catalog().powerUrl(),
                                config.catalog().schedulerUrl()),
                        config.catalog().timeout()));
        counts = new SentCounts(registry);
        Gauge.builder("terafab.sensors.rate.target", this, r -> r.rate)
                .description("Events per second the simulator aims at (0: paused)")
                .baseUnit("events.per.second")
                .register(registry);
        Gauge.builder("terafab.sensors.bad.share", this, r -> r.badShare)
                .description("Share of the records sent that are bad on purpose")
                .register(registry);
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sensor-catalog");
            t.setDaemon(true);
            return t;
        });
        LOG.infof(
                "Sensor simulator: run %s, %s events/s, bad share %s, catalog from %s",
                settings.runId(), rate, badShare, source.describe());
        refresher.execute(this::loadFirstCatalog);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (refresher != null) {
            refresher.shutdownNow();
        }
        TrafficPump running = pump;
        if (running != null) {
            running.stop();
            pumpThread.interrupt(); // out of a retry's sleep; a run in progress ends at its stop flag
            try {
                pumpThread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close();
        }
    }

    private void loadFirstCatalog() {
        try {
            catalog = source.load(Catalog.EMPTY);
        } catch (CatalogUnavailableException e) {
            LOG.infof(
                    "Catalog not available yet (%s); trying again in %s",
                    e.getMessage(), config.catalog().retryInterval());
            refresher.schedule(
                    this::loadFirstCatalog, config.catalog().retryInterval().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        LOG.infof(
                "Catalog loaded: %d tools, %d power assets, %d accelerators installed, %d tenants",
                catalog.tools().size(),
                catalog.power().assetIds().size(),
                catalog.installedCount(),
                catalog.tenants().size());
        registerCatalogGauges();
        synchronized (this) {
            generator = new SensorTrafficGenerator(settings.withBadShare(badShare), catalog, clock::now);
            if (config.enabled()) {
                startPump();
            } else {
                LOG.info("Sensor simulator disabled (sensors.enabled=false): sending nothing");
            }
        }
        long full = config.catalog().refreshInterval().toMillis();
        long power = config.catalog().powerRefreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(() -> refresh(false), full, full, TimeUnit.MILLISECONDS);
        refresher.scheduleWithFixedDelay(() -> refresh(true), power, power, TimeUnit.MILLISECONDS);
    }

    private void startPump() {
        Map<String, Object> kafka = SensorProducer.settings(bootstrapServers, "sensor-simulator-" + settings.runId());
        kafka.putAll(KafkaConnection.settings()); // the simulator's own login (kafka.security.*, kafka.sasl.*)
        producer = SensorProducer.create(kafka);
        pump = TrafficPump.of(producer, generator, rate, counts);
        pumpThread = new Thread(this::pumpUntilStopped, "sensor-pump");
        pumpThread.start();
    }

    /**
     * Runs the pump until shutdown. A catalog that names nothing to report on (a twin with no tools
     * or power assets yet) stops a run; it starts again after a retry interval, by when a refresh
     * may have found something.
     */
    private void pumpUntilStopped() {
        boolean warned = false;
        while (!stopping) {
            try {
                pump.run(TrafficPump.Limit.NONE);
            } catch (IllegalStateException e) {
                if (!warned) {
                    LOG.warnf(
                            "Sending paused: %s; trying again every %s",
                            e.getMessage(), config.catalog().retryInterval());
                    warned = true;
                }
                try {
                    Thread.sleep(config.catalog().retryInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("The sensor pump stopped on an error", e);
                return;
            }
        }
    }

    private void refresh(boolean powerOnly) {
        try {
            Catalog fresh = powerOnly ? source.refreshPower(catalog) : source.load(catalog);
            catalog = fresh;
            generator.updateCatalog(fresh);
            if (refreshFailing) {
                LOG.info("Catalog refreshed again");
                refreshFailing = false;
            }
        } catch (CatalogUnavailableException e) {
            if (!refreshFailing) {
                LOG.warnf("Catalog refresh failed, keeping the one loaded before: %s", e.getMessage());
                refreshFailing = true;
            }
        } catch (RuntimeException e) {
            LOG.error("Catalog refresh failed", e);
        }
    }

    private void registerCatalogGauges() {
        Map<String, ToDoubleFunction<SimulatorRuntime>> sizes = Map.of(
                "tools", r -> r.catalog.tools().size(),
                "power-assets", r -> r.catalog.power().assetIds().size(),
                "accelerators",
                        r -> r.catalog.installedCount() - r.catalog.retired().size(),
                "tenants", r -> r.catalog.tenants().size());
        sizes.forEach((kind, size) -> Gauge.builder("terafab.sensors.catalog.entities", this, size)
                .description("What the simulator's catalog names, by kind (accelerators: installed and in service)")
                .tag("kind", kind)
                .register(registry));
    }

    private GeneratorSettings settings() {
        GeneratorSettings.Builder b = GeneratorSettings.builder()
                .seed(config.seed())
                .runId(config.runId().orElseGet(() -> "sim-" + Long.toString(System.currentTimeMillis(), 36)))
                .source(config.source())
                .badShare(config.badShare());
        config.mix().forEach((topic, weight) -> b.weight(SensorTopic.ofKey(topic), weight));
        config.badKinds().ifPresent(codes -> {
            EnumSet<BadKind> kinds = EnumSet.noneOf(BadKind.class);
            codes.forEach(code -> kinds.add(BadKind.ofCode(code.trim())));
            b.badKinds(kinds);
        });
        config.tools().breakdownMtbf().ifPresent(b::toolBreakdownMtbf);
        config.tools().pmInterval().ifPresent(b::toolPmInterval);
        config.tools().pmDuration().ifPresent(b::toolPmDuration);
        config.meters().breakerTripsPerYear().ifPresent(b::breakerTripsPerYear);
        config.meters().breakerRepairMean().ifPresent(b::breakerRepairMean);
        config.accelerators().annualFailureRate().ifPresent(b::acceleratorAnnualFailureRate);
        config.jobs().meanInterarrival().ifPresent(b::jobMeanInterarrival);
        return b.build();
    }

    // ---- for the REST resource and readiness --------------------------------------------------

    boolean catalogLoaded() {
        return catalog != null;
    }

    Catalog catalog() {
        return catalog;
    }

    String catalogSource() {
        return source == null ? null : source.describe();
    }

    GeneratorSettings generatorSettings() {
        return settings;
    }

    boolean sending() {
        return pumpThread != null && pumpThread.isAlive();
    }

    double rate() {
        return rate;
    }

    double badShare() {
        return badShare;
    }

    synchronized void setRate(double eventsPerSecond) {
        if (!(eventsPerSecond >= 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException(
                    "rate must be a finite number of events/s >= 0 (0 pauses), was " + eventsPerSecond);
        }
        if (pump != null) {
            pump.setRate(eventsPerSecond);
        }
        rate = eventsPerSecond;
    }

    synchronized void setBadShare(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("bad share must be in [0, 1], was " + share);
        }
        if (share > 0 && settings.badKinds().isEmpty()) {
            throw new IllegalArgumentException(
                    "no bad kind is enabled (sensors.bad-kinds), so the bad share must stay 0");
        }
        if (generator != null) {
            generator.setBadShare(share);
        }
        badShare = share;
    }

    SentCounts counts() {
        return counts;
    }
}
