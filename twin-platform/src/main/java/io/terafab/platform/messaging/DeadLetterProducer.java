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
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
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
 * a nack; rejections are therefore produced here, one record at a time, through a plain producer.
 * Sends are asynchronous; every snapshot first waits for them (see
 * {@link StateKeeper#beforeSnapshot}), because the snapshot records positions past the rejected
 * records. A crash before that may write a dead letter twice, never lose one.
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

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    private KafkaProducer<String, byte[]> producer;

    @PostConstruct
    void start() {
        Map<String, Object> settings = KafkaConnection.settings();
        settings.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, state.instanceId() + "-dead-letters",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5));
        producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        state.beforeSnapshot(producer::flush);
    }

    @PreDestroy
    void stop() {
        producer.close();
    }

    /** The dead-letter topic of a topic (the same rule as {@code io.terafab.contract.Topics#deadLetters}). */
    public static String topicOf(String topic) {
        return topic + ".dlq";
    }

    public void send(ConsumerRecord<String, byte[]> rejected, RejectedEventException reason) {
        Headers headers = new RecordHeaders(rejected.headers().toArray());
        headers.add(REASON, utf8(reason.getMessage()));
        headers.add(TOPIC, utf8(rejected.topic()));
        headers.add(PARTITION, utf8(Integer.toString(rejected.partition())));
        headers.add(OFFSET, utf8(Long.toString(rejected.offset())));
        headers.add(SERVICE, utf8(service));
        String deadLetters = topicOf(rejected.topic());
        producer.send(new ProducerRecord<>(deadLetters, null, rejected.key(), rejected.value(), headers),
                (metadata, failure) -> {
                    if (failure != null) {
                        // Nothing else records this rejection: say which record it was, loudly.
                        LOG.errorf(failure, "Could not dead-letter %s/%d@%d (%s) to %s", rejected.topic(),
                                rejected.partition(), rejected.offset(), reason.getMessage(), deadLetters);
                        registry.counter("terafab.messaging.dead.letter.failures", "topic", rejected.topic())
                                .increment();
                    }
                });
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
