package io.terafab.campus.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads, as another party would, the fab's wafer-outs (the output that crosses services and leaves
 * a trace per event in chip-service's state) and every dead-letter topic: the lots on the topic,
 * how many copies of an event id arrived, and each dead letter's reason.
 */
final class TopicWatch implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;
    private final Map<String, String> lotByEventId = new ConcurrentHashMap<>();
    private final AtomicLong copies = new AtomicLong();
    private final List<String> deadLetters = new ArrayList<>();
    private volatile boolean running = true;

    TopicWatch(String bootstrap, String waferOuts, List<String> deadLetterTopics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<String> topics = new ArrayList<>(deadLetterTopics);
        topics.add(waferOuts);
        // assigned, not subscribed: without a group, a broker restart cannot reset the positions and
        // make every record look like a re-delivery
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = new Thread(
                () -> {
                    while (running) {
                        try {
                            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                                observe(record, waferOuts);
                            }
                        } catch (org.apache.kafka.common.errors.WakeupException e) {
                            return;
                        } catch (RuntimeException brokerGoneForAWhile) {
                            // the broker is being killed and frozen on purpose: keep reading once it is back
                        }
                    }
                },
                "fault-watch");
        poller.setDaemon(true);
        poller.start();
    }

    private void observe(ConsumerRecord<String, String> record, String waferOuts) {
        String id = header(record, "ce_id");
        if (record.topic().equals(waferOuts)) {
            if (lotByEventId.putIfAbsent(String.valueOf(id), record.key()) != null) {
                copies.incrementAndGet();
            }
            return;
        }
        synchronized (deadLetters) {
            deadLetters.add(record.topic() + " " + id + ": " + header(record, "dead-letter-reason"));
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The distinct lots whose wafer-out is on the topic. */
    Set<String> lots() {
        return Set.copyOf(lotByEventId.values());
    }

    /** Wafer-outs that arrived with an event id already seen: re-deliveries. */
    long copies() {
        return copies.get();
    }

    List<String> deadLetters() {
        synchronized (deadLetters) {
            return List.copyOf(deadLetters);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
