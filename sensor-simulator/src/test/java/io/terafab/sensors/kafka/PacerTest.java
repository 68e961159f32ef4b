package io.terafab.sensors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The pacer on a fake clock: nanoseconds passed in, no real time involved. */
class PacerTest {

    private static final long MS = 1_000_000;
    private static final long SECOND = 1_000 * MS;

    /** Asks for a slot every {@code stepNanos} from {@code from} to {@code to}; returns how many were granted. */
    private static int grantedBetween(Pacer pacer, long from, long to, long stepNanos) {
        int granted = 0;
        for (long t = from; t < to; t += stepNanos) {
            while (pacer.acquire(t) == 0) {
                granted++;
            }
        }
        return granted;
    }

    @Test
    void grantsTheTargetRateOverTime() {
        Pacer pacer = new Pacer(100, 0);
        assertThat(grantedBetween(pacer, 0, 10 * SECOND, MS)).isEqualTo(1_000);
    }

    @Test
    void tellsHowLongToWaitForTheNextSlot() {
        Pacer pacer = new Pacer(100, 0);
        assertThat(pacer.acquire(0)).isZero();
        assertThat(pacer.acquire(0)).isEqualTo(10 * MS);
        assertThat(pacer.acquire(4 * MS)).isEqualTo(6 * MS);
        assertThat(pacer.acquire(10 * MS)).isZero();
    }

    @Test
    void catchesUpAfterAStallWithABoundedBurstOnly() {
        Pacer pacer = new Pacer(100, 0);
        grantedBetween(pacer, 0, SECOND, MS);
        // a 10 s stall: 1,000 sends missed, but only 0.2 s worth (20) go out at once
        assertThat(grantedBetween(pacer, 11 * SECOND, 11 * SECOND + 1, 1)).isEqualTo(20);
        // then the rate again
        assertThat(grantedBetween(pacer, 11 * SECOND + 1, 12 * SECOND + 1, MS)).isBetween(99, 101);
    }

    @Test
    void aNewRateTakesEffectAtOnce() {
        Pacer pacer = new Pacer(100, 0);
        grantedBetween(pacer, 0, SECOND, MS);
        pacer.setRate(1_000, SECOND);
        assertThat(grantedBetween(pacer, SECOND, 2 * SECOND, 100_000)).isBetween(999, 1_001);
        pacer.setRate(10, 2 * SECOND);
        assertThat(grantedBetween(pacer, 2 * SECOND, 12 * SECOND, MS)).isBetween(99, 102);
        assertThat(pacer.rate()).isEqualTo(10);
    }

    @Test
    void rateZeroPausesAndFullSpeedNeverWaits() {
        Pacer pacer = new Pacer(0, 0);
        assertThat(grantedBetween(pacer, 0, 10 * SECOND, MS)).isZero();
        assertThat(pacer.acquire(10 * SECOND)).isEqualTo(Pacer.PAUSED_WAIT_NANOS);
        pacer.setRate(50, 10 * SECOND);
        assertThat(grantedBetween(pacer, 10 * SECOND, 11 * SECOND, MS))
                .as("no credit from the pause")
                .isBetween(50, 51);
        Pacer unlimited = Pacer.unlimited(0);
        for (int i = 0; i < 100_000; i++) {
            assertThat(unlimited.acquire(0)).isZero();
        }
    }

    @Test
    void aNegativeRateIsRefused() {
        assertThatThrownBy(() -> new Pacer(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
