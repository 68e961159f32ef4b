package io.terafab.campus.bench;

import io.terafab.testing.kafka.ServiceProcess;
import io.terafab.testing.kafka.TestKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code bench/run ingest}: how fast sensor events go from Kafka into the twin's state, through a
 * real broker into the packaged fab-service (tool telemetry) and power-service (meter readings),
 * next to Kafka's own perf-test tools on an identical topic in the same run.
 *
 * <p>Phases, each printed as it ends:
 * <ol>
 *   <li><b>catch-up</b>: the topics are filled while the services are stopped; the services then
 *       start and the rate counts what they apply between the first and the last sample of their
 *       metrics, so start-up is not in it;</li>
 *   <li><b>live</b>: the simulator's traffic produced at full speed while the services apply it;</li>
 *   <li><b>fixed rates</b>: the traffic at a fixed rate; the services' latency percentiles (record
 *       creation to application, Micrometer's HdrHistogram-based percentiles over a window shorter
 *       than the phase) are read at the end;</li>
 *   <li><b>raw</b>: {@code ProducerPerformance} then {@code ConsumerPerformance} on a topic with the
 *       same partitions and records of the same mean size.</li>
 * </ol>
 * CPU is given as cores used: CPU seconds of the process over wall seconds of the phase.
 * Ends with {@code applied_events_per_s=… raw_consume_events_per_s=… ratio=… p99_ms_at_5k=…}.
 *
 * <p>Arguments: events of the catch-up and live phases (default 300,000), seconds of each fixed-rate
 * phase (default 30). Run by {@code bench/run ingest} with campus-it's test classpath.
 */
public final class IngestBench {

    static final List<String> FAB_CHANNELS = List.of("tool-telemetry");
    static final List<String> POWER_CHANNELS = List.of("meter-readings");
    private static final int PARTITIONS = 3;
    private static final Duration LATENCY_WINDOW = Duration.ofSeconds(10);

    private final String bootstrap;
    private final Path root;
    private final BenchTraffic traffic;
    private final Map<String, String> figures = new LinkedHashMap<>();
    private ServiceProcess fab;
    private ServiceProcess power;

    private IngestBench(String bootstrap, Path root, BenchTraffic traffic) {
        this.bootstrap = bootstrap;
        this.root = root;
        this.traffic = traffic;
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int fixedSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path root = Path.of(System.getProperty("twin.services.dir", "..")).toAbsolutePath().normalize();
        String bootstrap = TestKafkaBroker.bootstrapServers();
        int status = 0;
        IngestBench bench = null;
        try {
            createTopics(bootstrap);
            bench = new IngestBench(bootstrap, root, BenchTraffic.create(root, bootstrap));
            bench.run(events, fixedSeconds);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        } finally {
            if (bench != null) {
                bench.stopServices();
                bench.traffic.close();
            }
        }
        // The test broker runs on non-daemon threads until the JVM exits; its shutdown hook stops it.
        System.exit(status);
    }

    private void run(int events, int fixedSeconds) throws Exception {
        catchUp(events);
        live(events);
        double p99At5k = fixedRate(5_000, fixedSeconds);
        fixedRate(20_000, fixedSeconds);
        double rawConsume = raw(events);
        double applied = Double.parseDouble(figures.get("catch_up_applied_events_per_s"));
        System.out.printf(Locale.ROOT, "[bench] figures: %s%n", figures);
        System.out.printf(Locale.ROOT, "applied_events_per_s=%.0f raw_consume_events_per_s=%.0f ratio=%.3f p99_ms_at_5k=%.1f%n",
                applied, rawConsume, applied / rawConsume, p99At5k);
    }

    /** The sensor topics as deployed (the services would otherwise create them with one partition). */
    private static void createTopics(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : BenchTraffic.TOPICS) {
                topics.add(new NewTopic(topic, PARTITIONS, (short) 1));
                topics.add(new NewTopic(topic + ".dlq", 1, (short) 1));
            }
            topics.add(new NewTopic(RAW_TOPIC, PARTITIONS, (short) 1));
            admin.createTopics(topics).all().get();
        }
    }

    private static final String RAW_TOPIC = "bench.raw";

    private void catchUp(int events) throws Exception {
        double producedPerSecond = traffic.produceAtFullSpeed(events);
        figure("producer_events_per_s", producedPerSecond);
        startServices();
        Rate rate = awaitHandled(events, Duration.ofMinutes(10));
        figure("catch_up_applied_events_per_s", rate.perSecond());
        figure("catch_up_fab_cores", rate.fabCores());
        figure("catch_up_power_cores", rate.powerCores());
        System.out.printf(Locale.ROOT, "[bench] catch-up: %d events filled at %.0f/s, applied at %.0f/s "
                + "(fab-service %.2f cores, power-service %.2f cores)%n", events, producedPerSecond, rate.perSecond(),
                rate.fabCores(), rate.powerCores());
    }

    private void live(int events) throws Exception {
        double before = handled();
        Sample start = sample();
        double producedPerSecond = traffic.produceAtFullSpeed(events);
        Rate rate = awaitHandledFrom(start, before + events, Duration.ofMinutes(10));
        figure("live_applied_events_per_s", rate.perSecond());
        figure("live_producer_events_per_s", producedPerSecond);
        System.out.printf(Locale.ROOT, "[bench] live at full speed: produced at %.0f/s, applied at %.0f/s "
                + "(fab-service %.2f cores, power-service %.2f cores, broker and producer %.2f cores)%n",
                producedPerSecond, rate.perSecond(), rate.fabCores(), rate.powerCores(), rate.benchCores());
    }

    /** Runs the traffic at {@code perSecond} and returns the worst channel's p99 in milliseconds. */
    private double fixedRate(int perSecond, int seconds) throws Exception {
        double before = handled();
        Sample start = sample();
        long sent = traffic.produceAtRate(perSecond, Duration.ofSeconds(seconds));
        // read the percentiles while the window still holds only this phase's records
        ServiceMetrics fabMetrics = ServiceMetrics.scrape(fab);
        ServiceMetrics powerMetrics = ServiceMetrics.scrape(power);
        Rate rate = awaitHandledFrom(start, before + sent, Duration.ofMinutes(5));
        String k = (perSecond / 1000) + "k";
        double worstP99 = 0;
        StringBuilder line = new StringBuilder();
        for (var entry : Map.of("tool-telemetry", fabMetrics, "meter-readings", powerMetrics).entrySet()) {
            double p50 = entry.getValue().latencyMillis(entry.getKey(), "0.5");
            double p99 = entry.getValue().latencyMillis(entry.getKey(), "0.99");
            double p999 = entry.getValue().latencyMillis(entry.getKey(), "0.999");
            line.append(String.format(Locale.ROOT, " %s p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms;", entry.getKey(), p50, p99, p999));
            figure(entry.getKey() + "_p50_ms_at_" + k, p50);
            figure(entry.getKey() + "_p99_ms_at_" + k, p99);
            figure(entry.getKey() + "_p999_ms_at_" + k, p999);
            if (!Double.isNaN(p99)) { // a channel without traffic in the mix has no percentiles
                worstP99 = Math.max(worstP99, p99);
            }
        }
        figure("applied_events_per_s_at_" + k, rate.perSecond());
        System.out.printf(Locale.ROOT, "[bench] fixed %d events/s for %d s: %d sent, applied at %.0f/s (fab-service %.2f cores, "
                + "power-service %.2f cores);%s%n", perSecond, seconds, sent, rate.perSecond(), rate.fabCores(),
                rate.powerCores(), line);
        return worstP99;
    }

    private double raw(int events) throws Exception {
        KafkaPerfTools tools = new KafkaPerfTools(root.resolve("deploy/kafka-runtime/target/lib"), bootstrap);
        int size = traffic.meanRecordBytes();
        double produced = tools.produce(RAW_TOPIC, events, size);
        double consumed = tools.consume(RAW_TOPIC, events);
        figure("raw_produce_events_per_s", produced);
        figure("raw_consume_events_per_s", consumed);
        System.out.printf(Locale.ROOT, "[bench] raw Kafka, %d records of %d bytes: ProducerPerformance %.0f/s, "
                + "ConsumerPerformance %.0f/s%n", events, size, produced, consumed);
        return consumed;
    }

    private void startServices() {
        Map<String, String> common = new LinkedHashMap<>(traffic.clockProperties());
        common.put("twin.messaging.latency-window", LATENCY_WINDOW.toSeconds() + "s");
        fab = ServiceProcess.of("fab-service", bootstrap, common).start();
        power = ServiceProcess.of("power-service", bootstrap, common).start();
    }

    private void stopServices() {
        for (ServiceProcess service : new ServiceProcess[] {fab, power}) {
            if (service != null) {
                service.stop();
            }
        }
    }

    private double handled() {
        return ServiceMetrics.scrape(fab).handled(FAB_CHANNELS) + ServiceMetrics.scrape(power).handled(POWER_CHANNELS);
    }

    /** A moment of the run: records handled, and the CPU each process had used. */
    private record Sample(long nanos, double handled, double fabCpu, double powerCpu, double benchCpu) {
    }

    private Sample sample() {
        return new Sample(System.nanoTime(), handled(), ProcessCpu.seconds(fab.pid()), ProcessCpu.seconds(power.pid()),
                ProcessCpu.self());
    }

    /** Throughput between two samples, and the cores each process used meanwhile. */
    private record Rate(Sample from, Sample to) {

        double seconds() {
            return (to.nanos() - from.nanos()) / 1e9;
        }

        double perSecond() {
            return (to.handled() - from.handled()) / seconds();
        }

        double fabCores() {
            return (to.fabCpu() - from.fabCpu()) / seconds();
        }

        double powerCores() {
            return (to.powerCpu() - from.powerCpu()) / seconds();
        }

        double benchCores() {
            return (to.benchCpu() - from.benchCpu()) / seconds();
        }
    }

    /** Waits until the services handled {@code target} records; the rate starts at the first record handled. */
    private Rate awaitHandled(double target, Duration timeout) throws InterruptedException {
        Sample first = null;
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Sample now = sample();
            if (first == null && now.handled() > 0) {
                first = now;
            }
            if (now.handled() >= target) {
                return new Rate(first, now);
            }
            check(deadline, now, target);
            Thread.sleep(100);
        }
    }

    private Rate awaitHandledFrom(Sample start, double target, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Sample now = sample();
            if (now.handled() >= target) {
                return new Rate(start, now);
            }
            check(deadline, now, target);
            Thread.sleep(100);
        }
    }

    private static void check(Instant deadline, Sample now, double target) {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("the services handled only " + (long) now.handled() + " of "
                    + (long) target + " records in time");
        }
    }

    private void figure(String name, double value) {
        figures.put(name, String.format(Locale.ROOT, Double.isNaN(value) ? "NaN" : "%.1f", value));
    }
}
