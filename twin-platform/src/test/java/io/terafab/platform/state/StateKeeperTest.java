package io.terafab.platform.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.envelope.RejectionReason;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StateKeeperTest {

    private final StateKeeper state = StateKeepers.withoutSnapshots(10);

    @Test
    void aRejectedRecordsPositionPassesIt() {
        assertThatThrownBy(() -> state.applyOnce("t", 0, 4, "e-4", 1, () -> {
                    throw new RejectedEventException(RejectionReason.INVALID_PAYLOAD, "wafers must be > 0");
                }))
                .isInstanceOf(RejectedEventException.class);
        assertThat(state.nextOffset("t", 0)).isEqualTo(OptionalLong.of(5));
        assertThat(state.halted()).isNull();
    }

    @Test
    void anErrorInAHandlerHaltsTheStateAndTheRecordsPositionDoesNotPassIt() {
        state.applyOnce("t", 0, 3, "e-3", 1, () -> {});
        assertThatThrownBy(() -> state.applyOnce("t", 0, 4, "e-4", 2, () -> {
                    throw new StackOverflowError("deep model");
                }))
                .isInstanceOf(StackOverflowError.class);

        assertThat(state.nextOffset("t", 0)).as("resumes at the failed record").isEqualTo(OptionalLong.of(4));
        assertThat(state.alreadyHandled("t", 0, 4)).isFalse();
        assertThat(state.halted()).contains("t/0@4", "e-4", "StackOverflowError");
    }

    @Test
    void aPositionDoesNotPassARecordWhoseDeadLetterIsOwed() {
        state.applyOnce("t", 0, 6, "e-6", 1, () -> {});
        state.oweDeadLetter("t", 0, 7, "malformed: not JSON");
        state.applyOnce("t", 0, 8, "e-8", 2, () -> {});

        assertThat(state.alreadyHandled("t", 0, 7)).as("not applied twice").isTrue();
        assertThat(state.nextOffset("t", 0)).as("a restart resumes at it").isEqualTo(OptionalLong.of(7));
        assertThat(state.owedDeadLetter("t", 0, 7)).contains("malformed: not JSON");

        state.settleDeadLetter("t", 0, 7);
        assertThat(state.nextOffset("t", 0)).isEqualTo(OptionalLong.of(9));
        assertThat(state.deadLettersOwedCount()).isZero();
    }
}
