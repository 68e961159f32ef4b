package io.terafab.platform.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TwinClockTest {

    private static final Instant EPOCH = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant ANCHOR = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void simulatedTimeAdvancesBySpeedTimesWallTime() {
        Clock wall = Clock.fixed(ANCHOR.plusSeconds(10), ZoneOffset.UTC);
        TwinClock clock = new TwinClock(EPOCH, ANCHOR, 3600, wall);
        assertThat(clock.now()).isEqualTo(EPOCH.plus(Duration.ofHours(10)));
    }

    @Test
    void speedOneIsRealTime() {
        TwinClock clock = new TwinClock(EPOCH, ANCHOR, 1, Clock.fixed(ANCHOR.plusMillis(1500), ZoneOffset.UTC));
        assertThat(clock.now()).isEqualTo(EPOCH.plusMillis(1500));
        assertThat(clock.simulatedDuration(Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void twoServicesWithTheSameSettingsAgreeOnTheSimulatedInstant() {
        Instant wallNow = ANCHOR.plusSeconds(77);
        TwinClock a = new TwinClock(EPOCH, ANCHOR, 60, Clock.fixed(wallNow, ZoneOffset.UTC));
        TwinClock b = new TwinClock(EPOCH, ANCHOR, 60, Clock.fixed(wallNow, ZoneOffset.UTC));
        assertThat(a.now()).isEqualTo(b.now()).isEqualTo(EPOCH.plusSeconds(77 * 60));
    }

    @Test
    void rejectsANonPositiveSpeed() {
        assertThatThrownBy(() -> new TwinClock(EPOCH, ANCHOR, 0, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("speed");
    }
}
