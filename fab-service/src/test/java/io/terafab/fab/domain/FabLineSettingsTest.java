package io.terafab.fab.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FabLineSettingsTest {

    private static FabLineSettings with(List<Double> shares, Duration cycleTime, Duration maxStep, double idleShare) {
        return new FabLineSettings("TFA-1", List.of("bin1", "bin2", "bin3"), shares, 100_000, 25, cycleTime, 64, 0.6,
                0.01, 250, idleShare, maxStep, 42);
    }

    @Test
    void steadyStateWipIsStartRateTimesCycleTime() {
        FabLineSettings s = DefaultSettings.defaults();

        // 100,000 wafers per 30.436875 days × 45 days
        assertThat(s.steadyStateWipWafers()).isCloseTo(100_000 * 45 / 30.436875, within(1e-6));
    }

    @Test
    void binSharesMustMatchTheBinsAndSumToOne() {
        assertThatThrownBy(() -> with(List.of(0.5, 0.5), Duration.ofDays(45), Duration.ofHours(1), 0.4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one share per bin");
        assertThatThrownBy(() -> with(List.of(0.25, 0.5, 0.3), Duration.ofDays(45), Duration.ofHours(1), 0.4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 1");
    }

    @Test
    void aStepMustNotBeLongerThanTheCycleTime() {
        assertThatThrownBy(() -> with(List.of(0.25, 0.5, 0.25), Duration.ofHours(2), Duration.ofHours(3), 0.4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max step");
        assertThatThrownBy(() -> with(List.of(0.25, 0.5, 0.25), Duration.ofMinutes(30), Duration.ofMinutes(10), 0.4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle time");
    }

    @Test
    void theIdleShareMustLeaveRoomForProduction() {
        assertThatThrownBy(() -> with(List.of(0.25, 0.5, 0.25), Duration.ofDays(45), Duration.ofHours(1), 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle power share");
    }
}
