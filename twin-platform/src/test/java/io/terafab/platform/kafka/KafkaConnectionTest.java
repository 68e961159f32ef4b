package io.terafab.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    @Test
    void thePlatformsClientsLogInAsTheChannelsDoFromPropertiesOrTheEnvironment() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        Map.of(
                                "kafka.bootstrap.servers", "broker:9094",
                                "kafka.security.protocol", "SASL_SSL",
                                "kafka.group.id", "not-for-a-producer"),
                        "application",
                        250))
                .withSources(new EnvConfigSource(
                        Map.of(
                                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                                "KAFKA_SASL_JAAS_CONFIG",
                                        "ScramLoginModule required username=\"fab-service\" password=\"p\";"),
                        300))
                .build();

        assertThat(KafkaConnection.settingsOf(config))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "bootstrap.servers", "broker:9094",
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", "ScramLoginModule required username=\"fab-service\" password=\"p\";"));
    }

    @Test
    void withoutLoginSettingsOnlyTheBrokerIsGiven() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().build();

        assertThat(KafkaConnection.settingsOf(config))
                .containsExactly(Map.entry("bootstrap.servers", "localhost:9092"));
    }
}
