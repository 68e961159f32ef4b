package io.terafab.platform.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InputPositionsTest {

    @Test
    void aRecordBehindThePositionCountsAsApplied() {
        InputPositions positions = new InputPositions();
        positions.advancePast("t", 0, 41);
        assertThat(positions.alreadyApplied("t", 0, 41)).isTrue();
        assertThat(positions.alreadyApplied("t", 0, 42)).isFalse();
        assertThat(positions.alreadyApplied("t", 1, 0)).isFalse();
        assertThat(positions.next("t", 0)).hasValue(42);
    }

    @Test
    void positionsNeverMoveBackwards() {
        InputPositions positions = new InputPositions();
        positions.advancePast("t", 0, 10);
        positions.advancePast("t", 0, 3);
        assertThat(positions.next("t", 0)).hasValue(11);
    }

    @Test
    void roundTripsThroughItsMapForm() {
        InputPositions positions = new InputPositions();
        positions.advancePast("a", 2, 5);
        InputPositions restored = new InputPositions();
        restored.replaceWith(positions.asMap());
        assertThat(restored.asMap()).isEqualTo(Map.of("a/2", 6L));
    }
}
