package io.terafab.sensors.kafka;

import io.terafab.sensors.generator.SensorRecord;
import io.terafab.sensors.generator.SensorTrafficGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Pumps the generator's records into Kafka at the {@link Pacer}'s rate (or at full speed), for a
 * number of records, a duration, or until stopped. Each record's Kafka timestamp is the wall-clock
 * instant it was created, just before it was handed to the producer, so a consumer can measure the
 * time from an event's creation to its application.
 *
 * <p>One thread runs {@link #run}; {@link #stop} and {@link #setRate} may be called from others.
 */
public final class TrafficPump {

    /** What happened to each record, called on the producer's I/O thread: keep it quick. */
    public interface Listener {

        /** The broker acknowledged the record. */
        void sent(SensorRecord record);

        /** The producer gave up on the record. */
        void failed(SensorRecord record, Exception cause);
    }

    /** How to wait; tests pass a fake that advances their fake clock. */
    @FunctionalInterface
    public interface Sleeper {

        void sleepNanos(long nanos) throws InterruptedException;

        /** Parks the thread: {@link Thread#sleep} has millisecond granularity, too coarse above 1,000 events/s. */
        Sleeper PARK = nanos -> {
            LockSupport.parkNanos(nanos);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        };
    }

    /** When a run ends: after this many records or this much time (zero: no bound), whichever comes first. */
    public record Limit(long records, Duration duration) {

        public static final Limit NONE = new Limit(0, Duration.ZERO);

        public static Limit records(long n) {
            return new Limit(n, Duration.ZERO);
        }

        public static Limit duration(Duration d) {
            return new Limit(0, d);
        }
    }

    private final Producer<String, byte[]> producer;
    private final SensorTrafficGenerator generator;
    private final Pacer pacer;
    private final LongSupplier nanoClock;
    private final LongSupplier wallMillis;
    private final Sleeper sleeper;
    private final Listener listener;
    private volatile boolean stopping;

    /**
     * @param nanoClock a monotonic clock for pacing (the pacer's)
     * @param wallMillis the wall clock, for the records' timestamps
     */
    public TrafficPump(
            Producer<String, byte[]> producer,
            SensorTrafficGenerator generator,
            Pacer pacer,
            LongSupplier nanoClock,
            LongSupplier wallMillis,
            Sleeper sleeper,
            Listener listener) {
        this.producer = producer;
        this.generator = generator;
        this.pacer = pacer;
        this.nanoClock = nanoClock;
        this.wallMillis = wallMillis;
        this.sleeper = sleeper;
        this.listener = listener;
    }

    /** A pump on the real clocks. */
    public static TrafficPump of(
            Producer<String, byte[]> producer, SensorTrafficGenerator generator, double rate, Listener listener) {
        return new TrafficPump(
                producer,
                generator,
                new Pacer(rate, System.nanoTime()),
                System::nanoTime,
                System::currentTimeMillis,
                Sleeper.PARK,
                listener);
    }

    /**
     * Sends until the limit, {@link #stop}, or an interrupt, then waits for the producer to deliver
     * what it holds. Returns how many records were handed to the producer.
     */
    public long run(Limit limit) {
        stopping = false;
        long start = nanoClock.getAsLong();
        long budget =
                limit.duration().isZero() ? Long.MAX_VALUE : limit.duration().toNanos();
        long handed = 0;
        boolean interrupted = false;
        try {
            while (!stopping && (limit.records() == 0 || handed < limit.records())) {
                long now = nanoClock.getAsLong();
                long elapsed = now - start;
                if (elapsed >= budget) {
                    break;
                }
                long wait = pacer.acquire(now);
                if (wait > 0) {
                    sleeper.sleepNanos(Math.min(wait, budget - elapsed));
                    continue;
                }
                send(generator.next());
                handed++;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            producer.flush(); // before restoring the interrupt: an interrupted flush would give up
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return handed;
    }

    /** Asks a running {@link #run} to return after the record it is sending. */
    public void stop() {
        stopping = true;
    }

    public void setRate(double ratePerSecond) {
        pacer.setRate(ratePerSecond, nanoClock.getAsLong());
    }

    public double rate() {
        return pacer.rate();
    }

    private void send(SensorRecord record) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> h : record.headers().entrySet()) {
            headers.add(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8));
        }
        ProducerRecord<String, byte[]> kafkaRecord = new ProducerRecord<>(
                record.topic(), null, wallMillis.getAsLong(), record.key(), record.value(), headers);
        producer.send(kafkaRecord, (metadata, error) -> {
            if (error == null) {
                listener.sent(record);
            } else {
                listener.failed(record, error);
            }
        });
    }
}
