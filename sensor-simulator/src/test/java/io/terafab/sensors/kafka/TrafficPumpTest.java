package io.terafab.sensors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.terafab.sensors.catalog.CatalogFile;
import io.terafab.sensors.generator.BadKind;
import io.terafab.sensors.generator.Catalog;
import io.terafab.sensors.generator.GeneratorSettings;
import io.terafab.sensors.generator.SensorRecord;
import io.terafab.sensors.generator.SensorTrafficGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The pump on a fake clock and Kafka's in-memory {@link MockProducer}: what is checked here is the
 * pacing and what is handed to the producer, not a broker (SensorSimulatorIT has the real one).
 */
class TrafficPumpTest {

    private static final Catalog CATALOG =
            new CatalogFile(Path.of("src/test/resources/test-catalog.json")).load(Catalog.EMPTY);
    private static final long WALL_START_MILLIS = 1_800_000_000_000L;

    private final AtomicLong nanos = new AtomicLong();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final List<SensorRecord> acknowledged = new ArrayList<>();
    private final TrafficPump.Listener listener = new TrafficPump.Listener() {
        @Override
        public void sent(SensorRecord record) {
            acknowledged.add(record);
        }

        @Override
        public void failed(SensorRecord record, Exception cause) {
            throw new AssertionError("the mock producer fails nothing", cause);
        }
    };

    private TrafficPump pump(GeneratorSettings settings, Pacer pacer, TrafficPump.Sleeper sleeper) {
        SensorTrafficGenerator generator = new SensorTrafficGenerator(
                settings, CATALOG, () -> Instant.parse("2027-01-01T00:00:00Z").plusNanos(nanos.get() * 60));
        return new TrafficPump(
                producer,
                generator,
                pacer,
                nanos::get,
                () -> WALL_START_MILLIS + nanos.get() / 1_000_000,
                sleeper,
                listener);
    }

    /** Waiting on the fake clock is advancing it. */
    private final TrafficPump.Sleeper fakeSleep = nanos::addAndGet;

    @Test
    void sendsAtTheTargetRateForADurationStampingEachRecordWithItsCreationTime() {
        TrafficPump pump = pump(GeneratorSettings.builder().runId("test").build(), new Pacer(50, 0), fakeSleep);
        long handed = pump.run(TrafficPump.Limit.duration(Duration.ofSeconds(10)));

        assertThat(handed).isEqualTo(500);
        assertThat(producer.history()).hasSize(500);
        assertThat(acknowledged).hasSize(500);
        List<Long> timestamps =
                producer.history().stream().map(ProducerRecord::timestamp).toList();
        for (int i = 1; i < timestamps.size(); i++) {
            assertThat(timestamps.get(i) - timestamps.get(i - 1))
                    .as("gap before record %d", i)
                    .isBetween(19L, 21L);
        }
        assertThat(timestamps.get(0)).isEqualTo(WALL_START_MILLIS);
    }

    @Test
    void atFullSpeedARunStopsAfterItsCountWithoutWaiting() {
        TrafficPump pump = pump(GeneratorSettings.builder().runId("test").build(), Pacer.unlimited(0), n -> {
            throw new AssertionError("full speed never waits");
        });
        assertThat(pump.run(TrafficPump.Limit.records(2_000))).isEqualTo(2_000);
        assertThat(producer.history()).hasSize(2_000);
        assertThat(nanos.get()).isZero();
    }

    @Test
    void aRecordGoesOutWithItsKeyBytesAndHeadersAsGeneratedEvenWithHeadersMissing() {
        GeneratorSettings settings = GeneratorSettings.builder()
                .runId("test")
                .badShare(0.5)
                .badKinds(EnumSet.of(BadKind.MISSING_HEADERS, BadKind.MALFORMED_JSON))
                .build();
        pump(settings, Pacer.unlimited(0), fakeSleep).run(TrafficPump.Limit.records(500));
        assertThat(acknowledged).hasSize(500).anyMatch(r -> r.bad() == BadKind.MISSING_HEADERS);
        for (int i = 0; i < acknowledged.size(); i++) {
            SensorRecord expected = acknowledged.get(i);
            ProducerRecord<String, byte[]> sent = producer.history().get(i);
            assertThat(sent.topic()).isEqualTo(expected.topic());
            assertThat(sent.key()).isEqualTo(expected.key());
            assertThat(sent.value()).isEqualTo(expected.value());
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header h : sent.headers()) {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
            assertThat(headers).containsExactlyEntriesOf(expected.headers());
        }
    }

    @Test
    void stopEndsARunAndARateChangeTakesEffectWhileRunning() {
        TrafficPump[] running = new TrafficPump[1];
        long[] sleeps = {0};
        TrafficPump.Sleeper sleeper = n -> {
            nanos.addAndGet(n);
            if (++sleeps[0] == 100) {
                running[0].setRate(1_000); // after ~2 s at 50/s
            }
            if (nanos.get() >= 3_000_000_000L) {
                running[0].stop();
            }
        };
        running[0] = pump(GeneratorSettings.builder().runId("test").build(), new Pacer(50, 0), sleeper);
        long handed = running[0].run(TrafficPump.Limit.NONE);
        // ~2 s at 50/s, then ~1 s at 1,000/s
        assertThat(handed).isBetween(1_080L, 1_120L);
        assertThat(running[0].rate()).isEqualTo(1_000);
    }
}
