package io.terafab.platform.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SnapshotFailureTest {

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final StateKeeper state = StateKeepers.snapshottingThrough(producer, Duration.ofMinutes(1));

    @Test
    void aFailedSnapshotIsCountedWithItsCauseAndTheStateAgesUntilOneSucceeds() throws InterruptedException {
        state.locked(() -> {});
        producer.sendException = new RecordTooLargeException("The message is 17000000 bytes");

        assertThatThrownBy(state::snapshot).hasMessageContaining("RecordTooLargeException");
        Thread.sleep(20);
        assertThat(state.snapshotFailures()).isEqualTo(1);
        assertThat(state.snapshotFailuresInARow()).isEqualTo(1);
        assertThat(state.lastSnapshotFailure()).contains("17000000 bytes");
        assertThat(state.lastSnapshotAt()).isNull();
        Duration ageAfterFailure = state.snapshotAge();
        assertThat(ageAfterFailure).isPositive();

        producer.sendException = null;
        state.snapshot();
        assertThat(producer.history()).hasSize(1);
        assertThat(state.lastSnapshotFailure()).isNull();
        assertThat(state.snapshotFailuresInARow()).isZero();
        assertThat(state.snapshotFailures()).as("the total stays").isEqualTo(1);
        assertThat(state.snapshotAge()).isLessThan(ageAfterFailure);
    }

    @Test
    void aSnapshotHoldsTheDeadLettersStillOwed() throws Exception {
        state.oweDeadLetter("sensor.tool-telemetry", 2, 17, "malformed: empty payload");
        state.snapshot();

        var doc = state.mapper.readTree(producer.history().get(0).value());
        assertThat(doc.get("deadLettersOwed").get(0).get("offset").asLong()).isEqualTo(17);
        assertThat(doc.get("deadLettersOwed").get(0).get("reason").asText()).isEqualTo("malformed: empty payload");
    }
}
