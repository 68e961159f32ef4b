package io.terafab.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terafab.platform.state.StateKeepers;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class StateRestoredCheckTest {

    @Test
    void readinessGoesDownWithTheCauseWhenSnapshotsKeepFailingAndUpWhenOneSucceeds() throws InterruptedException {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        Duration maxAge = Duration.ofSeconds(1);
        StateRestoredCheck check = new StateRestoredCheck();
        check.state = StateKeepers.snapshottingThrough(producer, maxAge);
        check.config = StateKeepers.config(true, 100, maxAge);
        for (int warmUp = 0; warmUp < 2; warmUp++) { // the first snapshot and check load classes for longer than maxAge
            check.state.locked(() -> {});
            check.state.snapshot();
            check.call();
        }
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

        check.state.locked(() -> {});
        producer.sendException = new RecordTooLargeException("The message is 17000000 bytes");
        Thread.sleep(1_200);
        assertThatThrownBy(check.state::snapshot).isInstanceOf(IllegalStateException.class);
        HealthCheckResponse failing = check.call();
        assertThat(failing.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(failing.getData().orElseThrow())
                .containsKey("lastSnapshotFailure")
                .containsEntry("snapshotFailuresInARow", 1L);
        assertThat(failing.getData().get().get("lastSnapshotFailure").toString())
                .contains("17000000 bytes");

        producer.sendException = null;
        check.state.snapshot();
        assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
