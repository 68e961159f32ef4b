package io.terafab.campus.faults;

import static io.terafab.testing.kafka.CloudEventRecords.event;

import io.terafab.contract.EventTypes;
import io.terafab.contract.Topics;
import io.terafab.platform.clock.TwinClock;
import io.terafab.platform.envelope.CloudEventHeaders;
import io.terafab.sensors.catalog.ServiceCatalog;
import io.terafab.sensors.generator.Catalog;
import io.terafab.sensors.generator.GeneratorSettings;
import io.terafab.sensors.generator.SensorRecord;
import io.terafab.sensors.generator.SensorTrafficGenerator;
import io.terafab.sensors.kafka.SensorProducer;
import io.terafab.sensors.kafka.TrafficPump;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the campus receives during the fault runs, every accepted event in the {@link SentRecorder}:
 * the sensor simulator's generator at a fixed rate (tool telemetry, meter readings, accelerator
 * health, job submissions every few wall seconds, no bad record), and a tracer of wafer-outs, one
 * lot every {@code LOT_EVERY}, whose chips chip-service must record once each.
 */
final class CampusTraffic implements AutoCloseable {

    static final String JOBS = Topics.JOBS_REQUESTS;
    static final String WAFER_OUTS = Topics.FAB_WAFER_OUTS;
    /** Tracer lots: 100 good dies, so 95 chips of TFA-1-bin1 at the default assembly yield. */
    static final String TRACER_SKU = "TFA-1-bin1";

    private static final Duration LOT_EVERY = Duration.ofMillis(250);
    /** Lots re-published before each audit: well within chip-service's window of 10,000 recent ids. */
    private static final int RESEND = 20;
    /** Job submissions in simulated time: one per 4 simulated minutes, one per 4 s of wall time at 60x. */
    private static final Duration JOB_EVERY = Duration.ofMinutes(4);

    private final SentRecorder recorder;
    private final Producer<String, byte[]> sensorProducer;
    private final KafkaProducer<String, String> tracerProducer;
    private final TrafficPump pump;
    private final Thread pumpThread;
    private final ScheduledExecutorService tracer;
    private final AtomicLong lots = new AtomicLong();
    private final Deque<ProducerRecord<String, String>> recentLots = new ArrayDeque<>();
    private final String runId;
    private final double rate;
    private volatile boolean paused;

    CampusTraffic(
            String bootstrap,
            TwinClock clock,
            Map<String, URI> services,
            double rate,
            long seed,
            SentRecorder recorder) {
        this.recorder = recorder;
        this.rate = rate;
        this.runId = "faults-" + seed + "-" + Long.toString(System.currentTimeMillis(), 36);
        Catalog catalog = new ServiceCatalog(
                        new ServiceCatalog.Endpoints(
                                services.get("fab-service"),
                                services.get("chip-service"),
                                services.get("power-service"),
                                services.get("scheduler-service")),
                        Duration.ofSeconds(20))
                .load(Catalog.EMPTY);
        GeneratorSettings settings = GeneratorSettings.builder()
                .seed(seed)
                .runId(runId)
                .source("urn:terafab:integrator:fault-suite")
                .badShare(0)
                .jobMeanInterarrival(JOB_EVERY)
                .build();
        SensorTrafficGenerator generator = new SensorTrafficGenerator(settings, catalog, clock::now);
        Map<String, Object> producerSettings = SensorProducer.settings(bootstrap, "fault-suite-sensors");
        sensorProducer = SensorProducer.create(producerSettings);
        pump = TrafficPump.of(sensorProducer, generator, rate, new TrafficPump.Listener() {
            @Override
            public void sent(SensorRecord record) {
                boolean job = EventTypes.JOB_SUBMITTED.equals(record.headers().get(CloudEventHeaders.TYPE));
                recorder.accepted(record.topic(), record.id(), job ? record.key() : null);
            }

            @Override
            public void failed(SensorRecord record, Exception cause) {
                boolean job = EventTypes.JOB_SUBMITTED.equals(record.headers().get(CloudEventHeaders.TYPE));
                recorder.refused(record.topic(), job ? record.key() : null);
            }
        });
        pumpThread = new Thread(() -> pump.run(TrafficPump.Limit.NONE), "fault-suite-traffic");
        tracerProducer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new StringSerializer());
        tracer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "fault-suite-lots"));
    }

    void start() {
        pumpThread.start();
        tracer.scheduleAtFixedRate(this::sendLot, 0, LOT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops sending until {@link #resume}, so the campus can be checked at rest. */
    void pause() {
        paused = true;
        pump.setRate(0);
        sensorProducer.flush();
        tracerProducer.flush();
    }

    void resume() {
        pump.setRate(rate);
        paused = false;
    }

    double rate() {
        return rate;
    }

    private void sendLot() {
        if (paused) {
            return;
        }
        String lot = runId + "-lot-" + lots.incrementAndGet();
        String id = "wafer-out-" + lot;
        ProducerRecord<String, String> record =
                event(WAFER_OUTS, lot, EventTypes.WAFER_OUT_RECORDED, id, """
                {"lotId":"%s","product":"TFA-1","wafers":25,"goodDiesByBin":{"bin1":100},
                 "startedAt":"2027-01-01T00:00:00Z","finishedAt":"2027-01-01T00:00:00Z"}""".formatted(lot));
        tracerProducer.send(record, (metadata, error) -> {
            if (error == null) {
                recorder.accepted(WAFER_OUTS, id, lot);
                synchronized (recentLots) {
                    recentLots.addLast(record);
                    while (recentLots.size() > RESEND) {
                        recentLots.removeFirst();
                    }
                }
            } else {
                recorder.refused(WAFER_OUTS, lot);
            }
        });
    }

    /**
     * Publishes the last {@value #RESEND} accepted tracer lots again, same ids and content, as an
     * upstream that retries would: chip-service must drop each copy by its id. Returns how many.
     */
    int resendRecentLots() {
        List<ProducerRecord<String, String>> copies;
        synchronized (recentLots) {
            copies = List.copyOf(recentLots);
        }
        List<Future<RecordMetadata>> sends = copies.stream()
                .map(r -> tracerProducer.send(new ProducerRecord<>(r.topic(), null, r.key(), r.value(), r.headers())))
                .toList();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the broker did not take a re-sent lot", e);
            }
        }
        return copies.size();
    }

    /** Whether a lot id is one of the tracer's (the others on the topic are the fab's own). */
    boolean isTracerLot(String lot) {
        return lot.startsWith(runId + "-lot-");
    }

    @Override
    public void close() {
        tracer.shutdownNow();
        pump.stop();
        try {
            pumpThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sensorProducer.close(Duration.ofSeconds(10));
        tracerProducer.close(Duration.ofSeconds(10));
    }
}
