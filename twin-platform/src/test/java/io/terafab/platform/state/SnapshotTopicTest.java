package io.terafab.platform.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.terafab.testing.kafka.TestKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * Restoring reads the snapshot topic from its end backwards: the latest record of the instance is
 * found whatever lies behind or in front of it, on the JVM's test broker.
 */
class SnapshotTopicTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void aMissingTopicIsCreatedCompactedAndHoldsNothing() throws Exception {
        String name = topicName();
        try (SnapshotTopic topic = new SnapshotTopic(TestKafkaBroker.bootstrapServers(), name)) {
            assertThat(topic.readLatest("svc", TIMEOUT)).isEmpty();
        }
        try (Admin admin = admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
            ConfigEntry policy = admin.describeConfigs(Set.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get("cleanup.policy");
            assertThat(policy.value()).isEqualTo("compact");
        }
    }

    @Test
    void theLatestOfManySnapshotsOfTheInstanceIsRead() throws Exception {
        try (SnapshotTopic topic = created()) {
            for (int i = 1; i <= 30; i++) {
                topic.write("svc", bytes("svc-" + i), TIMEOUT);
            }
            assertThat(topic.readLatest("svc", TIMEOUT))
                    .map(SnapshotTopicTest::text)
                    .contains("svc-30");
        }
    }

    @Test
    void anInstanceBehindManyRecordsOfAnotherIsStillFound() throws Exception {
        try (SnapshotTopic topic = created()) {
            topic.write("svc", bytes("svc-1"), TIMEOUT);
            topic.write("svc", bytes("svc-2"), TIMEOUT);
            for (int i = 1; i <= 100; i++) { // wider than two windows of the backwards read (1, 8, 64)
                topic.write("other", bytes("other-" + i), TIMEOUT);
            }
            assertThat(topic.readLatest("svc", TIMEOUT))
                    .map(SnapshotTopicTest::text)
                    .contains("svc-2");
            assertThat(topic.readLatest("other", TIMEOUT))
                    .map(SnapshotTopicTest::text)
                    .contains("other-100");
            assertThat(topic.readLatest("nobody", TIMEOUT)).isEmpty();
        }
    }

    @Test
    void aTombstoneAfterTheLastSnapshotResetsTheInstance() throws Exception {
        try (SnapshotTopic topic = created()) {
            topic.write("svc", bytes("svc-1"), TIMEOUT);
            topic.write("svc", null, TIMEOUT);
            topic.write("other", bytes("other-1"), TIMEOUT);
            assertThat(topic.readLatest("svc", TIMEOUT)).isEmpty();
        }
    }

    private static SnapshotTopic created() throws Exception {
        SnapshotTopic topic = new SnapshotTopic(TestKafkaBroker.bootstrapServers(), topicName());
        topic.ensureExists(TIMEOUT);
        return topic;
    }

    private static String topicName() {
        return "snapshot-topic-test-" + UUID.randomUUID() + ".state";
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafkaBroker.bootstrapServers()));
        return Admin.create(props);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
