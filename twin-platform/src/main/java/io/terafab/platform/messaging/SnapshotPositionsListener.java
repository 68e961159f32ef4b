package io.terafab.platform.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.terafab.platform.state.StateKeeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Makes every consumer resume at the position its service's state reflects, not at Kafka's
 * committed offset: the state is the source of truth, so records after the snapshot are applied
 * again on top of it, and those before are not. A partition the state never saw is read from its
 * beginning, since the state then reflects none of it. Every incoming channel uses it (see
 * {@link ChannelDefaultsConfigSourceFactory}).
 */
@ApplicationScoped
@Identifier(SnapshotPositionsListener.NAME)
public class SnapshotPositionsListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "twin-snapshot-positions";
    private static final Logger LOG = Logger.getLogger(SnapshotPositionsListener.class);

    @Inject
    StateKeeper state;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!state.enabled()) {
            return;
        }
        state.ensureRestored();
        for (TopicPartition partition : partitions) {
            var next = state.nextOffset(partition.topic(), partition.partition());
            if (next.isPresent()) {
                consumer.seek(partition, next.getAsLong());
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
            LOG.debugf("%s resumes at %s", partition, next.isPresent() ? next.getAsLong() : "its beginning");
        }
    }
}
