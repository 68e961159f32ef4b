package io.terafab.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The test broker refuses what the security plan forbids, with the client told why and nothing
 * written: the same broker settings and ACL rules every service and integrator test runs under.
 */
class KafkaSecurityIT {

    private static final KafkaAccess FAB = KafkaAccess.of(Map.of(
            "quarkus.application.name", "fab-service",
            "mp.messaging.incoming.power-budget.topic", "power.budget",
            "mp.messaging.outgoing.power-draw.topic", "fab.power-draw"));
    private static final KafkaAccess CHIP = KafkaAccess.of(Map.of(
            "quarkus.application.name", "chip-service",
            "mp.messaging.incoming.wafer-outs.topic", "fab.wafer-outs"));
    private static final KafkaAccess POWER = KafkaAccess.of(Map.of(
            "quarkus.application.name", "power-service",
            "mp.messaging.incoming.commands.topic", "power.commands",
            "mp.messaging.outgoing.operator-commands.topic", "power.commands"));
    private static final KafkaAccess INTEGRATOR = KafkaAccess.of(Map.of("quarkus.application.name", "acme-sensors"));

    @Test
    void aWrongPasswordIsRefusedAtLoginAndWritesNothing() throws Exception {
        Map<String, Object> client = clientSettings(TestKafkaBroker.credentialsFor(INTEGRATOR));
        client.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"acme-sensors\" password=\"not-the-password\";");
        long before = endOffset("sensor.tool-telemetry");

        assertThatThrownBy(() -> send(client, "sensor.tool-telemetry"))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class)
                .rootCause()
                .hasMessageContaining("Authentication failed");
        assertThat(endOffset("sensor.tool-telemetry")).isEqualTo(before);
    }

    @Test
    void aClientWithoutLoginCannotProduce() throws Exception {
        TestKafkaBroker.credentialsFor(INTEGRATOR); // the topic exists
        Map<String, Object> client =
                clientSettings(Map.of("kafka.bootstrap.servers", TestKafkaBroker.clientBootstrapServers()));
        long before = endOffset("sensor.tool-telemetry");

        // a plaintext client on a SASL listener gets no answer at all: it times out waiting for metadata
        assertThatThrownBy(() -> send(client, "sensor.tool-telemetry"))
                .hasMessageContaining("not present in metadata after 5000 ms");
        assertThat(endOffset("sensor.tool-telemetry")).isEqualTo(before);
    }

    @Test
    void anIntegratorWritesItsSensorTopicsButNotABudgetNorAServicesState() throws Exception {
        TestKafkaBroker.credentialsFor(FAB); // fab-service.state exists, as when the fab runs
        Map<String, Object> integrator = clientSettings(TestKafkaBroker.credentialsFor(INTEGRATOR));
        long budgets = endOffset("power.budget");
        long fabState = endOffset("fab-service.state");
        long telemetry = endOffset("sensor.tool-telemetry");

        send(integrator, "sensor.tool-telemetry");
        assertThatThrownBy(() -> send(integrator, "power.budget"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class)
                .rootCause()
                .hasMessageContaining("power.budget");
        assertThatThrownBy(() -> send(integrator, "fab-service.state"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class)
                .rootCause()
                .hasMessageContaining("fab-service.state");

        assertThat(endOffset("sensor.tool-telemetry")).isEqualTo(telemetry + 1);
        assertThat(endOffset("power.budget")).isEqualTo(budgets);
        assertThat(endOffset("fab-service.state")).isEqualTo(fabState);
    }

    @Test
    void onlyTheServiceItselfWritesItsOperatorsCommandsAnIntegratorIsRefused() throws Exception {
        Map<String, Object> power = clientSettings(TestKafkaBroker.credentialsFor(POWER));
        Map<String, Object> integrator = clientSettings(TestKafkaBroker.credentialsFor(INTEGRATOR));
        long commands = endOffset("power.commands");

        // a command bypassing the service's REST (and its operator token) is refused by the broker
        assertThatThrownBy(() -> send(integrator, "power.commands"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class)
                .rootCause()
                .hasMessageContaining("power.commands");
        send(power, "power.commands");

        assertThat(endOffset("power.commands")).isEqualTo(commands + 1);
        assertThat(read(power, "power.commands")).isNotEmpty();
    }

    @Test
    void aServiceReadsItsOwnStateButNotAnotherServicesState() throws Exception {
        Map<String, Object> chip = clientSettings(TestKafkaBroker.credentialsFor(CHIP));
        Map<String, Object> fab = clientSettings(TestKafkaBroker.credentialsFor(FAB));
        send(chip, "chip-service.state");

        assertThat(read(chip, "chip-service.state")).isNotEmpty();
        assertThatThrownBy(() -> read(fab, "chip-service.state"))
                .isInstanceOf(TopicAuthorizationException.class)
                .hasMessageContaining("chip-service.state");
        assertThatThrownBy(() -> send(fab, "chip-service.state"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    /** A service's {@code kafka.*} settings as a plain client's. */
    private static Map<String, Object> clientSettings(Map<String, String> credentials) {
        Map<String, Object> client = new HashMap<>();
        credentials.forEach((k, v) -> client.put(k.substring("kafka.".length()), v));
        client.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        client.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        client.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        return client;
    }

    private static void send(Map<String, Object> client, String topic) throws Exception {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "{}")).get(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> read(Map<String, Object> client, String topic) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.keySet().removeIf(k -> k.startsWith("max.block") || k.startsWith("delivery"));
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            return consumer.poll(Duration.ofSeconds(5)).records(partition).stream()
                    .map(r -> r.value())
                    .toList();
        }
    }

    /** As the super-user sees it: how many records the topic holds. */
    private static long endOffset(String topic) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafkaBroker.bootstrapServers()))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                    .partitionResult(partition)
                    .get()
                    .offset();
        }
    }
}
