package io.terafab.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.kafka.KafkaConnection;
import io.terafab.platform.state.StateKeeper;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes rejected records to {@code <topic>.dlq}: the original key, value and headers, plus the
 * {@code dead-letter-*} headers SmallRye's own dead-letter strategy writes, so tools and tests read
 * both alike.
 *
 * <p>The gate consumes in batches, and SmallRye's dead-letter strategy would park a whole batch on
 * a nack; rejections are therefore produced here, one record at a time, through a plain producer,
 * outside the state lock. A rejected record's dead letter is owed in the state
 * ({@link StateKeeper#oweDeadLetter}) until the broker acknowledged it: a refused send is retried
 * with backoff until it is, and until then a snapshot makes the consumer resume at the record. A
 * crash may write a dead letter twice, never lose one.
 */
@ApplicationScoped
public class DeadLetterProducer {

    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String SERVICE = "dead-letter-service";
    private static final Logger LOG = Logger.getLogger(DeadLetterProducer.class);

    @Inject
    StateKeeper state;

    @Inject
    MeterRegistry registry;

    @Inject
    MessagingConfig config;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private Producer<String, byte[]> producer;
    private RetryBackoff backoff;
    private ScheduledExecutorService retries;

    DeadLetterProducer() {}

    /** A producer of the caller's (a test's {@code MockProducer}). */
    DeadLetterProducer(
            Producer<String, byte[]> producer,
            StateKeeper state,
            MeterRegistry registry,
            String service,
            RetryBackoff backoff) {
        this.producer = producer;
        this.state = state;
        this.registry = registry;
        this.service = service;
        this.backoff = backoff;
        this.retries = retryThread();
    }

    @PostConstruct
    void start() {
        Map<String, Object> settings = KafkaConnection.settings();
        settings.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG,
                state.instanceId() + "-dead-letters",
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5));
        producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        backoff = new RetryBackoff(config.retryBackoffInitial(), config.retryBackoffMax());
        retries = retryThread();
    }

    private static ScheduledExecutorService retryThread() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "twin-dead-letter-retries");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        retries.shutdownNow();
        producer.close();
    }

    /** The dead-letter topic of a topic (the same rule as {@code io.terafab.contract.Topics#deadLetters}). */
    public static String topicOf(String topic) {
        return topic + ".dlq";
    }

    /**
     * Writes the dead letter of a rejected record whose dead letter the state owes; completes once
     * the broker acknowledged it (retrying with backoff until then) and the state is settled.
     *
     * @param reason {@code <code>: <detail>}, as {@link RejectedEventException#getMessage()} gives it
     */
    public CompletionStage<Void> send(ConsumerRecord<String, byte[]> rejected, String reason) {
        Headers headers = new RecordHeaders(rejected.headers().toArray());
        headers.add(REASON, utf8(reason));
        headers.add(TOPIC, utf8(rejected.topic()));
        headers.add(PARTITION, utf8(Integer.toString(rejected.partition())));
        headers.add(OFFSET, utf8(Long.toString(rejected.offset())));
        headers.add(SERVICE, utf8(service));
        var letter = new ProducerRecord<>(topicOf(rejected.topic()), null, rejected.key(), rejected.value(), headers);
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        attempt(rejected, letter, acknowledged);
        return acknowledged;
    }

    private void attempt(
            ConsumerRecord<String, byte[]> rejected,
            ProducerRecord<String, byte[]> letter,
            CompletableFuture<Void> acknowledged) {
        try {
            producer.send(letter, (metadata, failure) -> {
                if (failure == null) {
                    backoff.reset();
                    state.settleDeadLetter(rejected.topic(), rejected.partition(), rejected.offset());
                    acknowledged.complete(null);
                } else {
                    retryLater(rejected, letter, acknowledged, failure);
                }
            });
        } catch (RuntimeException failure) { // no metadata within max.block.ms, a closed producer
            retryLater(rejected, letter, acknowledged, failure);
        }
    }

    private void retryLater(
            ConsumerRecord<String, byte[]> rejected,
            ProducerRecord<String, byte[]> letter,
            CompletableFuture<Void> acknowledged,
            Exception failure) {
        registry.counter("terafab.messaging.dead.letter.failures", "topic", rejected.topic())
                .increment();
        Duration wait = backoff.next();
        LOG.errorf(
                "Could not dead-letter %s/%d@%d to %s (%s): its position stays before it, retrying in %s",
                rejected.topic(), rejected.partition(), rejected.offset(), letter.topic(), failure, wait);
        try {
            retries.schedule(() -> attempt(rejected, letter, acknowledged), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            acknowledged.completeExceptionally(failure); // still owed in the state: the next start re-sends it
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
