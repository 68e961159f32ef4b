package io.terafab.campus.bench;

import io.terafab.sensors.generator.SensorTopic;
import io.terafab.testing.kafka.KafkaAccess;
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
 * <p>Phases, each printed as it ends, with its applied rate and its latency percentiles per topic:
 * <ol>
 *   <li><b>catch-up</b>: the services start once so the simulator can read their catalog (tools,
 *       assets, accelerators, tenants) and stop; the topics are filled; the services start again
 *       and the rate counts what they apply between the first and the last sample of their
 *       metrics, so start-up is not in it (the latencies here are the ages of the waiting records);</li>
 *   <li><b>live</b>: the simulator's traffic produced at full speed while the services apply it;</li>
 *   <li><b>fixed rates</b>: the traffic at 5,000 and at 20,000 events/s;</li>
 *   <li><b>raw</b>: {@code ProducerPerformance} then {@code ConsumerPerformance} on a topic with the
 *       same partitions and records of the same mean size.</li>
 * </ol>
 * A phase ends once the services have applied every record produced in it, backlog included. Its
 * percentiles (record creation to application) come from the services' cumulative latency buckets
 * read at its start and at its end, so they cover exactly the records of the phase, interpolated
 * within a bucket. The traffic has no bad record: a rejection or a copy of another event's id fails
 * the run; a record delivered again at a position already applied (a rebalance) is reported.
 * CPU is given as cores used: CPU seconds of the process over wall seconds of the phase.
 * Ends with the round's figures: {@code applied_events_per_s=…}, on an open broker
 * {@code raw_consume_events_per_s=… ratio=…}, the worst topic's {@code p99_ms_at_5k=…
 * p999_ms_at_5k=…}, {@code p99_ms_at_20k=…}, and every phase's figures by topic.
 *
 * <p>Arguments: events of the catch-up and live phases, seconds of each fixed-rate phase (defaults:
 * {@link IngestRounds}'s). {@code bench/run ingest} runs it twice through {@link IngestRounds}.
 */
public final class IngestBench {

    /** A topic of the traffic, and the service and channel that read it. */
    private record Input(String topic, String service, String channel) {

        /** The name in the figures' keys. */
        String key() {
            return channel.replace('-', '_');
        }
    }

    private static final List<Input> INPUTS = List.of(
            new Input(SensorTopic.TOOL_TELEMETRY.topic(), "fab-service", "tool-telemetry"),
            new Input(SensorTopic.METER_READINGS.topic(), "power-service", "meter-readings"),
            new Input(SensorTopic.ACCELERATOR_HEALTH.topic(), "chip-service", "accelerator-health"),
            new Input(SensorTopic.JOBS.topic(), "scheduler-service", "job-requests"));
    private static final double[] QUANTILES = {0.5, 0.99, 0.999};
    private static final String[] QUANTILE_KEYS = {"p50", "p99", "p999"};
    private static final int PARTITIONS = 3;
    private static final String RAW_TOPIC = "bench.raw";
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

    /**
     * One round under this JVM's broker (secured unless {@code -Dkafka.test.security=off}): the
     * phases, raw Kafka when the broker is open, and a last line of this round's figures.
     * {@link IngestRounds} runs two, security off then on, and puts their figures together.
     */
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : IngestRounds.DEFAULT_EVENTS;
        int fixedSeconds = args.length > 1 ? Integer.parseInt(args[1]) : IngestRounds.DEFAULT_SECONDS;
        Path root = Path.of(System.getProperty("twin.services.dir", ".."))
                .toAbsolutePath()
                .normalize();
        boolean secured = !"off".equalsIgnoreCase(System.getProperty("kafka.test.security", "on"));
        String bootstrap = TestKafkaBroker.bootstrapServers();
        int status = 0;
        IngestBench bench = null;
        try {
            createTopics(bootstrap);
            bench = new IngestBench(bootstrap, root, new BenchTraffic(integratorLogin()));
            bench.run(events, fixedSeconds, secured);
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

    /**
     * The traffic's producer logs in as an integrator ({@code ingest-bench}, allowed the sensor
     * topics only), so a secured round pays for SCRAM and ACL checks on the producing side too; on
     * an open broker these are the bootstrap servers alone.
     */
    private static Map<String, Object> integratorLogin() {
        Map<String, Object> client = new LinkedHashMap<>();
        TestKafkaBroker.credentialsFor(KafkaAccess.of(Map.of("quarkus.application.name", "ingest-bench")))
                .forEach((k, v) -> client.put(k.substring("kafka.".length()), v));
        return client;
    }

    private void run(int events, int fixedSeconds, boolean secured) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "[bench] round with security %s: %s%n",
                secured ? "on" : "off",
                secured
                        ? "SCRAM-SHA-512 logins and ACLs for the services and the traffic's producer"
                        : "an open broker (PLAINTEXT, no authorizer)");
        Phase catchUp = catchUp(events);
        live(events);
        Phase at5k = fixedRate(5_000, fixedSeconds);
        Phase at20k = fixedRate(20_000, fixedSeconds);
        Map<String, String> headline = new LinkedHashMap<>();
        double applied = catchUp.appliedPerSecond();
        headline.put("applied_events_per_s", String.format(Locale.ROOT, "%.0f", applied));
        if (!secured) {
            // the raw tools log in as the super-user on the harness's listener: only an open round compares with them
            double rawConsume = raw(events);
            headline.put("raw_consume_events_per_s", String.format(Locale.ROOT, "%.0f", rawConsume));
            headline.put("ratio", String.format(Locale.ROOT, "%.3f", applied / rawConsume));
        }
        Input worst5k = at5k.worstTopic(0.99);
        headline.put("p99_ms_at_5k", number(at5k.tally(worst5k).latency().quantileMillis(0.99)));
        headline.put("p999_ms_at_5k", number(at5k.worstMillis(0.999)));
        headline.put("p99_worst_topic_at_5k", worst5k.key());
        headline.put("p99_ms_at_20k", number(at20k.worstMillis(0.99)));
        StringBuilder line = new StringBuilder();
        headline.forEach(
                (name, value) -> line.append(name).append('=').append(value).append(' '));
        figures.forEach(
                (name, value) -> line.append(name).append('=').append(value).append(' '));
        System.out.println(line.toString().strip());
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

    private Phase catchUp(int events) throws Exception {
        startServices(true);
        traffic.loadCatalog(
                service("fab-service").url(""),
                service("chip-service").url(""),
                service("power-service").url(""),
                service("scheduler-service").url(""));
        stopServices();
        Map<String, Long> before = traffic.sentByTopic();
        double producedPerSecond = traffic.produceAtFullSpeed(events);
        Map<String, Long> produced = minus(traffic.sentByTopic(), before);
        figure("catch_up_producer_events_per_s", producedPerSecond);
        // the fab (most of the traffic) starts last, so the others' start-up is not in its catch-up
        startServices(false);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        Input telemetry = INPUTS.get(0); // fab-service's
        Sample firstOfFab = awaitSample(s -> s.channel(telemetry).handled() > 0, deadline);
        // the restarted services counted from zero: the phase's records are all they counted
        Sample end = awaitAllHandled(Sample.NONE, produced, deadline);
        Phase phase = new Phase("catch-up", "catch_up", Sample.NONE, end, produced, firstOfFab);
        phase.print(String.format(
                Locale.ROOT,
                "%d events filled at %.0f/s while the services were stopped, then "
                        + "applied from the first sample in which fab-service applied one (the ages of waiting records, "
                        + "not a service latency)",
                events,
                producedPerSecond));
        return phase;
    }

    private Phase live(int events) throws Exception {
        Sample start = sample();
        Map<String, Long> before = traffic.sentByTopic();
        double producedPerSecond = traffic.produceAtFullSpeed(events);
        Map<String, Long> produced = minus(traffic.sentByTopic(), before);
        figure("live_producer_events_per_s", producedPerSecond);
        Sample end = awaitAllHandled(start, produced, Instant.now().plus(Duration.ofMinutes(10)));
        Phase phase = new Phase("live", "live", start, end, produced, start);
        phase.print(String.format(
                Locale.ROOT,
                "%d events produced at full speed (%.0f/s) while the services " + "applied them",
                events,
                producedPerSecond));
        return phase;
    }

    private Phase fixedRate(int perSecond, int seconds) throws Exception {
        Sample start = sample();
        Map<String, Long> before = traffic.sentByTopic();
        long sent = traffic.produceAtRate(perSecond, Duration.ofSeconds(seconds));
        long stoppedAt = System.nanoTime();
        Map<String, Long> produced = minus(traffic.sentByTopic(), before);
        Sample end = awaitAllHandled(start, produced, Instant.now().plus(Duration.ofMinutes(5)));
        Phase phase = new Phase(
                "fixed " + perSecond + " events/s", "fixed_" + (perSecond / 1000) + "k", start, end, produced, start);
        phase.print(String.format(
                Locale.ROOT,
                "%d sent in %d s; the last applied %.1f s after production stopped",
                sent,
                seconds,
                (end.nanos() - stoppedAt) / 1e9));
        return phase;
    }

    private double raw(int events) throws Exception {
        KafkaPerfTools tools = new KafkaPerfTools(root.resolve("deploy/kafka-runtime/target/lib"), bootstrap);
        int size = traffic.meanRecordBytes();
        double produced = tools.produce(RAW_TOPIC, events, size);
        double consumed = tools.consume(RAW_TOPIC, events);
        figure("raw_produce_events_per_s", produced); // the consume rate is among the headline figures
        System.out.printf(
                Locale.ROOT,
                "[bench] raw Kafka, %d records of %d bytes: ProducerPerformance %.0f/s, "
                        + "ConsumerPerformance %.0f/s%n",
                events,
                size,
                produced,
                consumed);
        return consumed;
    }

    /** Starts chip-, power- and scheduler-service, waits until they are ready, then starts fab-service. */
    private void startServices(boolean awaitFab) {
        Map<String, String> common = new LinkedHashMap<>(traffic.clockProperties());
        // -Dbench.service.<property>=<value> tries a setting on every service, e.g. a consumer's max.poll.records
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith(SERVICE_PROPERTY))
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

    /**
     * What became of the records of one input channel, as its service's counters and buckets say.
     * {@code copies}: records dropped because another record with the same event id was applied;
     * {@code replays}: records the consumer was given again at a position already applied (after a
     * rebalance that came before its commit), which the gate drops by position: each such record
     * was applied once and is counted in {@code applied}.
     */
    private record Tally(
            double applied,
            Map<String, Double> rejectedByReason,
            double copies,
            double replays,
            LatencyHistogram latency) {

        static final Tally NONE = new Tally(0, Map.of(), 0, 0, LatencyHistogram.EMPTY);

        static Tally of(ServiceMetrics metrics, String channel) {
            return new Tally(
                    metrics.applied(channel),
                    metrics.rejectedByReason(channel),
                    metrics.duplicates(channel, "event-id"),
                    metrics.duplicates(channel, "offset"),
                    metrics.latency(channel));
        }

        double rejected() {
            return rejectedByReason.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
        }

        /** Records produced that the gate is done with: applied, dead-lettered or dropped as copies. */
        double handled() {
            return applied + rejected() + copies;
        }

        Tally since(Tally earlier) {
            Map<String, Double> rejected = new LinkedHashMap<>(rejectedByReason);
            earlier.rejectedByReason.forEach((reason, n) -> rejected.merge(reason, -n, Double::sum));
            rejected.values().removeIf(n -> n == 0);
            return new Tally(
                    applied - earlier.applied,
                    rejected,
                    copies - earlier.copies,
                    replays - earlier.replays,
                    latency.since(earlier.latency));
        }

        /**
         * The gate counts a batch, then records its latencies: both are done once the buckets hold
         * every applied record.
         */
        boolean latenciesRecorded() {
            return latency.count() == Math.round(applied);
        }
    }

    /** A moment of the run: each input channel's tally, and the CPU used so far. */
    private record Sample(long nanos, Map<Input, Tally> channels, double serviceCpu, double benchCpu) {

        /** Before a service counted anything. */
        static final Sample NONE = new Sample(0, Map.of(), 0, 0);

        Tally channel(Input input) {
            return channels.getOrDefault(input, Tally.NONE);
        }
    }

    private Sample sample() {
        Map<Input, Tally> channels = new LinkedHashMap<>();
        for (Input input : INPUTS) {
            ServiceProcess service = services.get(input.service());
            if (service != null) {
                channels.put(input, Tally.of(ServiceMetrics.scrape(service), input.channel()));
            }
        }
        double cpu = services.values().stream()
                .mapToDouble(s -> ProcessCpu.seconds(s.pid()))
                .sum();
        return new Sample(System.nanoTime(), channels, cpu, ProcessCpu.self());
    }

    /**
     * Waits until the services handled every record produced since {@code start}, topic by topic,
     * and recorded the latency of each one they applied.
     */
    private Sample awaitAllHandled(Sample start, Map<String, Long> produced, Instant deadline)
            throws InterruptedException {
        return awaitSample(
                s -> INPUTS.stream().allMatch(in -> {
                    Tally phase = s.channel(in).since(start.channel(in));
                    return phase.handled() >= produced.get(in.topic()) && phase.latenciesRecorded();
                }),
                deadline);
    }

    /** Samples every 100 ms until one satisfies {@code until}; fails at the deadline, saying how far it got. */
    private Sample awaitSample(Predicate<Sample> until, Instant deadline) throws InterruptedException {
        while (true) {
            Sample now = sample();
            if (until.test(now)) {
                return now;
            }
            if (Instant.now().isAfter(deadline)) {
                StringBuilder state = new StringBuilder();
                INPUTS.forEach(in -> state.append(String.format(
                        Locale.ROOT,
                        " %s: %.0f handled, %d latencies;",
                        in.topic(),
                        now.channel(in).handled(),
                        now.channel(in).latency().count())));
                throw new IllegalStateException("the services did not get there in time:" + state);
            }
            Thread.sleep(100);
        }
    }

    /**
     * One phase: from {@code start} to {@code end}, the moment every record produced in it was
     * handled; its rate is counted from {@code rateFrom}.
     */
    private final class Phase {

        private final String title;
        private final String key;
        private final Map<Input, Tally> tallies = new LinkedHashMap<>();
        private final Map<Input, Double> appliedInWindow = new LinkedHashMap<>();
        private final Map<String, Long> produced;
        private final double seconds;
        private final double serviceCores;
        private final double benchCores;
        private final double applied;

        Phase(String title, String key, Sample start, Sample end, Map<String, Long> produced, Sample rateFrom) {
            this.title = title;
            this.key = key;
            this.produced = produced;
            for (Input in : INPUTS) {
                tallies.put(in, end.channel(in).since(start.channel(in)));
            }
            requireEveryRecordApplied();
            seconds = (end.nanos() - rateFrom.nanos()) / 1e9;
            serviceCores = (end.serviceCpu() - rateFrom.serviceCpu()) / seconds;
            benchCores = (end.benchCpu() - rateFrom.benchCpu()) / seconds;
            for (Input in : INPUTS) {
                appliedInWindow.put(
                        in, end.channel(in).applied() - rateFrom.channel(in).applied());
            }
            applied = appliedInWindow.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
        }

        /** The traffic is clean: a record not applied means the benchmark measured something else. */
        private void requireEveryRecordApplied() {
            List<String> problems = new ArrayList<>();
            tallies.forEach((in, t) -> {
                if (t.rejected() > 0 || t.copies() > 0) {
                    problems.add(String.format(
                            Locale.ROOT,
                            "%s: %.0f rejected %s, %.0f dropped as copies of another event's id (see %s.dlq)",
                            in.topic(),
                            t.rejected(),
                            t.rejectedByReason(),
                            t.copies(),
                            in.topic()));
                }
                if (Math.round(t.applied()) != produced.get(in.topic())) {
                    problems.add(String.format(
                            Locale.ROOT,
                            "%s: %d produced, %.0f applied",
                            in.topic(),
                            produced.get(in.topic()),
                            t.applied()));
                }
            });
            if (!problems.isEmpty()) {
                throw new IllegalStateException("phase " + title + ": the benchmark's traffic has no bad record, "
                        + "yet not every record was applied once: " + String.join("; ", problems));
            }
        }

        /** Events applied per second, over the phase's rate window, all topics. */
        double appliedPerSecond() {
            return applied / seconds;
        }

        /** What the phase did to one topic's records. */
        Tally tally(Input in) {
            return tallies.get(in);
        }

        /** The topic with the highest {@code quantile} among those that carried records in the phase. */
        Input worstTopic(double quantile) {
            return INPUTS.stream()
                    .filter(in -> tallies.get(in).latency().count() > 0)
                    .max(java.util.Comparator.comparingDouble(
                            in -> tallies.get(in).latency().quantileMillis(quantile)))
                    .orElseThrow(() -> new IllegalStateException("phase " + title + " applied no record"));
        }

        /** The highest {@code quantile} of any topic that carried records in the phase. */
        double worstMillis(double quantile) {
            return tallies.get(worstTopic(quantile)).latency().quantileMillis(quantile);
        }

        /** The latencies of every record of the phase, all topics. */
        LatencyHistogram all() {
            return tallies.values().stream().map(Tally::latency).reduce(LatencyHistogram.EMPTY, LatencyHistogram::plus);
        }

        void print(String how) {
            figure(key + "_applied_events_per_s", appliedPerSecond());
            figure(key + "_service_cores", serviceCores);
            System.out.printf(
                    Locale.ROOT,
                    "[bench] %s: %s; applied %.0f events/s over %.1f s (the four services "
                            + "%.2f cores, the broker and the producer %.2f)%n",
                    title,
                    how,
                    appliedPerSecond(),
                    seconds,
                    serviceCores,
                    benchCores);
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   %-27s %9s %11s %9s %9s %9s   (record creation to application)%n",
                    "topic",
                    "records",
                    "applied/s",
                    "p50 ms",
                    "p99 ms",
                    "p99.9 ms");
            for (Input in : INPUTS) {
                Tally t = tallies.get(in);
                long n = Math.round(t.applied());
                figures.put(key + "_" + in.key() + "_records", Long.toString(n));
                long replayed = Math.round(t.replays());
                if (replayed > 0) {
                    figures.put(key + "_" + in.key() + "_replayed", Long.toString(replayed));
                    System.out.printf(
                            Locale.ROOT,
                            "[bench]   %s: %d records delivered again at positions already applied (a "
                                    + "rebalance before the commit), dropped by the gate; each applied once%n",
                            in.topic(),
                            replayed);
                }
                if (n == 0) {
                    System.out.printf(
                            Locale.ROOT,
                            "[bench]   %-27s %9d   no figures: %s%n",
                            in.topic(),
                            n,
                            traffic.whyNoRecords(in.topic()));
                    continue;
                }
                double perSecond = appliedInWindow.get(in) / seconds;
                figure(key + "_" + in.key() + "_applied_events_per_s", perSecond);
                row(in.topic(), n, perSecond, t.latency(), key + "_" + in.key());
            }
            LatencyHistogram all = all();
            row("all topics", all.count(), appliedPerSecond(), all, key + "_all");
        }

        private void row(String name, long records, double perSecond, LatencyHistogram latency, String keyPrefix) {
            StringBuilder cells = new StringBuilder();
            for (int i = 0; i < QUANTILES.length; i++) {
                double ms = latency.quantileMillis(QUANTILES[i]);
                figures.put(keyPrefix + "_" + QUANTILE_KEYS[i] + "_ms", number(ms));
                cells.append(String.format(
                        Locale.ROOT,
                        " %9s",
                        Double.isInfinite(ms)
                                ? String.format(Locale.ROOT, ">%.0f", latency.largestFiniteBoundMillis())
                                : String.format(Locale.ROOT, "%.1f", ms)));
            }
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   %-27s %9d %11.1f%s%s%n",
                    name,
                    records,
                    perSecond,
                    cells,
                    records < 1_000 ? "  (few records: the upper percentiles are its slowest ones)" : "");
        }
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((topic, n) -> delta.put(topic, n - before.getOrDefault(topic, 0L)));
        return delta;
    }

    private static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value); // NaN, Infinity: no figure, or above the largest finite bucket
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private void figure(String name, double value) {
        figures.put(name, number(value));
    }
}
