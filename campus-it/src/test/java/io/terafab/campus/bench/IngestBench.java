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
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code bench/run ingest}: how fast sensor events go from Kafka into the twin's state, through a
 * real broker into the four packaged services as deployed (tool telemetry into fab-service, meter
 * readings into power-service, accelerator health into chip-service, job submissions into
 * scheduler-service, in the sensor simulator's mix), next to Kafka's own perf-test tools on an
 * identical topic in the same run.
 *
 * <p>Phases, each printed as it ends:
 * <ol>
 *   <li><b>catch-up</b>: the services start once so the simulator can read their catalog (tools,
 *       assets, accelerators, tenants) and stop; the topics are filled; the services start again
 *       and the rate counts what they apply between the first and the last sample of their
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

    /** The sensor input channel of each service. */
    private static final Map<String, String> SENSOR_CHANNELS = Map.of("fab-service", "tool-telemetry",
            "power-service", "meter-readings", "chip-service", "accelerator-health", "scheduler-service", "job-requests");
    private static final int PARTITIONS = 3;
    private static final Duration LATENCY_WINDOW = Duration.ofSeconds(10);
    private static final String SERVICE_PROPERTY = "bench.service.";

    private final String bootstrap;
    private final Path root;
    private final BenchTraffic traffic;
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

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
            bench = new IngestBench(bootstrap, root, new BenchTraffic(bootstrap));
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
        startServices(true);
        traffic.loadCatalog(service("fab-service").url(""), service("chip-service").url(""),
                service("power-service").url(""), service("scheduler-service").url(""));
        stopServices();
        double producedPerSecond = traffic.produceAtFullSpeed(events);
        figure("producer_events_per_s", producedPerSecond);
        // the fab (most of the traffic) starts last, so the others' start-up is not in its catch-up
        startServices(false);
        Rate rate = awaitHandled(events, Duration.ofMinutes(10));
        figure("catch_up_applied_events_per_s", rate.perSecond());
        figure("catch_up_service_cores", rate.serviceCores());
        System.out.printf(Locale.ROOT, "[bench] catch-up: %d events filled at %.0f/s, applied at %.0f/s "
                + "(the four services %.2f cores, broker %.2f cores)%n", events, producedPerSecond, rate.perSecond(),
                rate.serviceCores(), rate.benchCores());
    }

    private void live(int events) throws Exception {
        double before = handled();
        Sample start = sample();
        double producedPerSecond = traffic.produceAtFullSpeed(events);
        Rate rate = awaitHandledFrom(start, before + events, Duration.ofMinutes(10));
        figure("live_applied_events_per_s", rate.perSecond());
        figure("live_producer_events_per_s", producedPerSecond);
        System.out.printf(Locale.ROOT, "[bench] live at full speed: produced at %.0f/s, applied at %.0f/s "
                + "(the four services %.2f cores, broker and producer %.2f cores)%n",
                producedPerSecond, rate.perSecond(), rate.serviceCores(), rate.benchCores());
    }

    /** Runs the traffic at {@code perSecond} and returns the worst channel's p99 in milliseconds. */
    private double fixedRate(int perSecond, int seconds) throws Exception {
        double before = handled();
        Sample start = sample();
        long sent = traffic.produceAtRate(perSecond, Duration.ofSeconds(seconds));
        // read the percentiles while the window still holds only this phase's records
        Map<String, ServiceMetrics> metrics = new LinkedHashMap<>();
        services.forEach((name, service) -> metrics.put(name, ServiceMetrics.scrape(service)));
        Rate rate = awaitHandledFrom(start, before + sent, Duration.ofMinutes(5));
        String k = (perSecond / 1000) + "k";
        double worstP99 = 0;
        StringBuilder line = new StringBuilder();
        for (var entry : metrics.entrySet()) {
            String channel = SENSOR_CHANNELS.get(entry.getKey());
            double p50 = entry.getValue().latencyMillis(channel, "0.5");
            double p99 = entry.getValue().latencyMillis(channel, "0.99");
            double p999 = entry.getValue().latencyMillis(channel, "0.999");
            line.append(String.format(Locale.ROOT, " %s p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms;", channel, p50, p99, p999));
            figure(channel + "_p50_ms_at_" + k, p50);
            figure(channel + "_p99_ms_at_" + k, p99);
            figure(channel + "_p999_ms_at_" + k, p999);
            if (!Double.isNaN(p99)) { // a channel without traffic in the mix has no percentiles
                worstP99 = Math.max(worstP99, p99);
            }
        }
        figure("applied_events_per_s_at_" + k, rate.perSecond());
        System.out.printf(Locale.ROOT, "[bench] fixed %d events/s for %d s: %d sent, applied at %.0f/s (the four services "
                + "%.2f cores);%s%n", perSecond, seconds, sent, rate.perSecond(), rate.serviceCores(), line);
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

    /** Starts chip-, power- and scheduler-service, waits until they are ready, then starts fab-service. */
    private void startServices(boolean awaitFab) {
        Map<String, String> common = new LinkedHashMap<>(traffic.clockProperties());
        common.put("twin.messaging.latency-window", LATENCY_WINDOW.toSeconds() + "s");
        // -Dbench.service.<property>=<value> tries a setting on every service, e.g. a consumer's max.poll.records
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(SERVICE_PROPERTY))
                .forEach(k -> common.put(k.substring(SERVICE_PROPERTY.length()), System.getProperty(k)));
        for (String name : List.of("chip-service", "power-service", "scheduler-service", "fab-service")) {
            if (name.equals("fab-service")) {
                services.values().forEach(s -> s.awaitReady(Duration.ofMinutes(3)));
            }
            services.put(name, ServiceProcess.of(name, bootstrap, common).start());
        }
        if (awaitFab) {
            service("fab-service").awaitReady(Duration.ofMinutes(3));
        }
    }

    private void stopServices() {
        services.values().forEach(ServiceProcess::stop);
        services.clear();
    }

    private ServiceProcess service(String name) {
        return services.get(name);
    }

    /** A moment of the run: sensor records each running service is done with, and the CPU used so far. */
    private record Sample(long nanos, Map<String, Double> handledByService, double serviceCpu, double benchCpu) {

        double handled() {
            return handledByService.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private Sample sample() {
        Map<String, Double> handled = new LinkedHashMap<>();
        services.forEach((name, service) ->
                handled.put(name, ServiceMetrics.scrape(service).handled(List.of(SENSOR_CHANNELS.get(name)))));
        double cpu = services.values().stream().mapToDouble(s -> ProcessCpu.seconds(s.pid())).sum();
        return new Sample(System.nanoTime(), handled, cpu, ProcessCpu.self());
    }

    /** Sensor records the running services are done with (none when they are stopped). */
    private double handled() {
        return sample().handled();
    }

    /** Throughput between two samples, and the cores each process used meanwhile. */
    private record Rate(Sample from, Sample to) {

        double seconds() {
            return (to.nanos() - from.nanos()) / 1e9;
        }

        double perSecond() {
            return (to.handled() - from.handled()) / seconds();
        }

        double serviceCores() {
            return (to.serviceCpu() - from.serviceCpu()) / seconds();
        }

        double benchCores() {
            return (to.benchCpu() - from.benchCpu()) / seconds();
        }
    }

    /**
     * Waits until the services handled {@code target} records; the rate starts at the first sample
     * in which fab-service (the last to start) handled any.
     */
    private Rate awaitHandled(double target, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Sample first = awaitSample(s -> s.handledByService().getOrDefault("fab-service", 0.0) > 0, target, deadline);
        return new Rate(first, first.handled() >= target ? first : awaitSample(s -> s.handled() >= target, target, deadline));
    }

    private Rate awaitHandledFrom(Sample start, double target, Duration timeout) throws InterruptedException {
        return new Rate(start, awaitSample(s -> s.handled() >= target, target, Instant.now().plus(timeout)));
    }

    /** Samples every 100 ms until one satisfies {@code until}; fails at the deadline, saying how far it got. */
    private Sample awaitSample(Predicate<Sample> until, double target, Instant deadline) throws InterruptedException {
        while (true) {
            Sample now = sample();
            if (until.test(now)) {
                return now;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the services handled only " + (long) now.handled() + " of "
                        + (long) target + " records in time");
            }
            Thread.sleep(100);
        }
    }

    private void figure(String name, double value) {
        figures.put(name, String.format(Locale.ROOT, Double.isNaN(value) ? "NaN" : "%.1f", value));
    }
}
