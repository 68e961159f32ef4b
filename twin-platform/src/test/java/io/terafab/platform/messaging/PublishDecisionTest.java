package io.terafab.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.state.StateKeepers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tick's decisions (a capacity request, a job step) reach the broker only after a snapshot holds
 * them, so a service restored after a crash re-sends the same events instead of deciding anew under
 * the same ids.
 */
class PublishDecisionTest {

    private final MockProducerEmitter emitter = new MockProducerEmitter("cluster.capacity-requests", 10);
    private final List<Integer> outputsSentWhenSnapshotWritten = new CopyOnWriteArrayList<>();
    private final SnapshotProducer snapshots = new SnapshotProducer();
    private final StateKeeper state = StateKeepers.snapshottingThrough(snapshots, Duration.ofMinutes(1));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventPublisher publisher = publisher();

    /** Notes, at each snapshot write, how many outputs the emitter had sent. */
    private final class SnapshotProducer extends MockProducer<String, byte[]> {

        SnapshotProducer() {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
            outputsSentWhenSnapshotWritten.add(emitter.sent().size());
            return super.send(record);
        }
    }

    private EventPublisher publisher() {
        EventPublisher publisher = new EventPublisher();
        publisher.state = state;
        publisher.mapper = new ObjectMapper();
        publisher.registry = registry;
        publisher.config = Gates.shortWaits();
        publisher.register(Map.of("capacity-requests", emitter));
        return publisher;
    }

    @AfterEach
    void stop() {
        publisher.onStop(null);
    }

    private static OutgoingEvent request(String id) {
        return new OutgoingEvent("io.terafab.cluster.capacity-requested.v1", id, id, Instant.EPOCH, Map.of("id", id));
    }

    @Test
    void aDecisionIsSentOnlyAfterASnapshotHoldingItWasWritten() throws Exception {
        state.locked(() -> {
            publisher.publishDecision("capacity-requests", request("capreq-000001"));
            publisher.publish("capacity-requests", request("capreq-000002")); // behind the decision
            assertThat(emitter.sent()).as("held until the end of the tick").isEmpty();
            publisher.snapshotDecisions();
        });

        OutputChannelTest.eventually(() -> emitter.sent().size() == 2, "both sent after the snapshot");
        assertThat(outputsSentWhenSnapshotWritten).containsExactly(0);
        JsonNode snapshot =
                new ObjectMapper().readTree(snapshots.history().get(0).value());
        assertThat(snapshot.get("pendingEvents"))
                .extracting(pending -> pending.get("id").asText())
                .containsExactly("capreq-000001", "capreq-000002");
        assertThat(emitter.sent()).containsExactly("{\"id\":\"capreq-000001\"}", "{\"id\":\"capreq-000002\"}");

        emitter.producer.completeNext();
        emitter.producer.completeNext();
        assertThat(state.outbox().size()).as("acknowledged, forgotten").isZero();
    }

    @Test
    void aTickWithoutDecisionsWritesNoSnapshot() {
        state.locked(publisher::snapshotDecisions);

        assertThat(snapshots.history()).isEmpty();
    }

    @Test
    void decisionsAreSentAndCountedWhenTheSnapshotCannotBeWritten() {
        snapshots.sendException = new TimeoutException("broker away");

        state.locked(() -> {
            publisher.publishDecision("capacity-requests", request("capreq-000003"));
            publisher.snapshotDecisions();
        });

        OutputChannelTest.eventually(() -> emitter.sent().size() == 1, "sent all the same");
        assertThat(emitter.sent()).containsExactly("{\"id\":\"capreq-000003\"}");
        assertThat(registry.counter("terafab.state.decisions.unsnapshotted").count())
                .isEqualTo(1.0);
        assertThat(state.outbox().size()).as("owed until the broker takes it").isEqualTo(1);
    }

    @Test
    void aDecisionCanOnlyBePublishedInsideTheChangeThatTookIt() {
        assertThatThrownBy(() -> publisher.publishDecision("capacity-requests", request("capreq-000004")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside the state lock");
    }
}
