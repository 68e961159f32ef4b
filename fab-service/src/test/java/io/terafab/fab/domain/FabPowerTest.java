package io.terafab.fab.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FabPowerTest {

    private static final double FULL = 250;
    private static final double IDLE_SHARE = 0.4;
    private static final double STEADY_WIP = 150_000;

    @Test
    void demandRisesFromTheIdleLoadToFullPowerWithWorkInProcess() {
        assertThat(FabPower.of(FULL, IDLE_SHARE, 0, STEADY_WIP, null).demandMw()).isCloseTo(100, within(1e-9));
        assertThat(FabPower.of(FULL, IDLE_SHARE, STEADY_WIP / 2, STEADY_WIP, null).demandMw()).isCloseTo(175, within(1e-9));
        assertThat(FabPower.of(FULL, IDLE_SHARE, STEADY_WIP, STEADY_WIP, null).demandMw()).isCloseTo(250, within(1e-9));
        assertThat(FabPower.of(FULL, IDLE_SHARE, STEADY_WIP * 3, STEADY_WIP, null).demandMw()).isCloseTo(250, within(1e-9));
    }

    @Test
    void withoutBudgetTheFabDrawsItsDemandAtFullSpeed() {
        FabPower power = FabPower.of(FULL, IDLE_SHARE, STEADY_WIP, STEADY_WIP, null);

        assertThat(power.drawMw()).isEqualTo(power.demandMw());
        assertThat(power.budgetMw()).isNull();
        assertThat(power.speedFactor()).isEqualTo(1.0);
    }

    @Test
    void aCapAboveDemandChangesNothing() {
        FabPower power = FabPower.of(FULL, IDLE_SHARE, STEADY_WIP, STEADY_WIP, 400.0);

        assertThat(power.drawMw()).isCloseTo(250, within(1e-9));
        assertThat(power.speedFactor()).isEqualTo(1.0);
    }

    @Test
    void underACapTheIdleLoadIsServedFirstAndProductionGetsTheRest() {
        FabPower power = FabPower.of(FULL, IDLE_SHARE, STEADY_WIP, STEADY_WIP, 175.0);

        assertThat(power.drawMw()).isEqualTo(175.0);
        assertThat(power.budgetMw()).isEqualTo(175.0);
        assertThat(power.speedFactor()).as("(175 - 100) / (250 - 100)").isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aCapBelowTheIdleLoadStopsProduction() {
        FabPower power = FabPower.of(FULL, IDLE_SHARE, STEADY_WIP, STEADY_WIP, 60.0);

        assertThat(power.drawMw()).isEqualTo(60.0);
        assertThat(power.speedFactor()).isZero();
    }

    @Test
    void anEmptyLineHasNothingToSlowUnlessItsIdleLoadIsCut() {
        assertThat(FabPower.of(FULL, IDLE_SHARE, 0, STEADY_WIP, 100.0).speedFactor()).isEqualTo(1.0);
        assertThat(FabPower.of(FULL, IDLE_SHARE, 0, STEADY_WIP, 99.0).speedFactor()).isZero();
    }
}
