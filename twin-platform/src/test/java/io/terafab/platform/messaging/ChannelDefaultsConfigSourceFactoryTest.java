package io.terafab.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelDefaultsConfigSourceFactoryTest {

    private static SmallRyeConfig config(Map<String, String> app) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(app, "application", 250))
                .withSources(new ChannelDefaultsConfigSourceFactory())
                .build();
    }

    @Test
    void everyIncomingKafkaChannelIsConsumedInBatchesOfRawRecordsFromTheRestoredPositions() {
        SmallRyeConfig c = config(Map.of(
                "quarkus.application.name", "chip-service",
                "mp.messaging.incoming.wafer-outs.connector", "smallrye-kafka",
                "mp.messaging.incoming.wafer-outs.topic", "fab.wafer-outs"));
        assertThat(c.getValue("mp.messaging.incoming.wafer-outs.batch", String.class))
                .isEqualTo("true");
        assertThat(c.getValue("mp.messaging.incoming.wafer-outs.failure-strategy", String.class))
                .isEqualTo("fail");
        assertThat(c.getValue("mp.messaging.incoming.wafer-outs.value.deserializer", String.class))
                .isEqualTo("org.apache.kafka.common.serialization.ByteArrayDeserializer");
        assertThat(c.getValue("mp.messaging.incoming.wafer-outs.group.instance.id", String.class))
                .isEqualTo("chip-service-wafer-outs");
        assertThat(c.getValue("mp.messaging.incoming.wafer-outs.cloud-events", String.class))
                .isEqualTo("false");
        assertThat(c.getValue("mp.messaging.incoming.wafer-outs.consumer-rebalance-listener.name", String.class))
                .isEqualTo(SnapshotPositionsListener.NAME);
    }

    @Test
    void outgoingChannelsWriteBinaryCloudEventsFromTheService() {
        SmallRyeConfig c = config(Map.of(
                "quarkus.application.name", "fab-service",
                "mp.messaging.outgoing.wafer-outs.connector", "smallrye-kafka"));
        assertThat(c.getValue("mp.messaging.outgoing.wafer-outs.cloud-events-source", String.class))
                .isEqualTo("fab-service");
        assertThat(c.getValue("mp.messaging.outgoing.wafer-outs.cloud-events-mode", String.class))
                .isEqualTo("binary");
    }

    @Test
    void everyOutputIsAcknowledgedByAllInSyncReplicasAndWrittenOnce() {
        SmallRyeConfig c = config(Map.of(
                "quarkus.application.name", "power-service",
                "mp.messaging.outgoing.budgets.connector", "smallrye-kafka"));
        assertThat(c.getValue("mp.messaging.outgoing.budgets.acks", String.class))
                .isEqualTo("all");
        assertThat(c.getValue("mp.messaging.outgoing.budgets.enable.idempotence", String.class))
                .isEqualTo("true");
    }

    @Test
    void anOutputIsRetriedInOrderByTheClientThroughAnOutageOfAnHour() {
        SmallRyeConfig c = config(Map.of(
                "quarkus.application.name", "fab-service",
                "mp.messaging.outgoing.power-draw.connector", "smallrye-kafka"));
        assertThat(c.getValue("mp.messaging.outgoing.power-draw.delivery.timeout.ms", Long.class))
                .isEqualTo(3_600_000L);
        assertThat(c.getValue("mp.messaging.outgoing.power-draw.max.block.ms", Long.class))
                .isEqualTo(3_600_000L);
    }

    @Test
    void aBatchWaitingForRoomInTheOutboxDoesNotCloseTheConsumer() {
        SmallRyeConfig c = config(Map.of(
                "quarkus.application.name", "fab-service",
                "mp.messaging.incoming.budgets.connector", "smallrye-kafka"));
        assertThat(c.getValue("mp.messaging.incoming.budgets.throttled.unprocessed-record-max-age.ms", Integer.class))
                .isLessThanOrEqualTo(0);
    }

    @Test
    void aServiceSettingWinsOverTheDefault() {
        SmallRyeConfig c = config(Map.of(
                "quarkus.application.name", "chip-service",
                "mp.messaging.incoming.x.connector", "smallrye-kafka",
                "mp.messaging.incoming.x.auto.offset.reset", "latest",
                "twin.state.instance-id", "chip-2"));
        assertThat(c.getValue("mp.messaging.incoming.x.auto.offset.reset", String.class))
                .isEqualTo("latest");
        assertThat(c.getValue("mp.messaging.incoming.x.group.instance.id", String.class))
                .isEqualTo("chip-2-x");
    }
}
