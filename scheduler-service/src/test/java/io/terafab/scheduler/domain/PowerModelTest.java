package io.terafab.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PowerModelTest {

    private final PowerModel model = new PowerModel(1200, 300, 1.25);

    @Test
    void facilityDrawIsItLoadTimesPue() {
        assertThat(model.drawWatts(10, 5, 1)).isEqualTo((10 * 1200 + 5 * 300) * 1.25);
        assertThat(model.drawWatts(10, 5, 0.5)).isEqualTo((10 * 1200 * 0.5 + 5 * 300) * 1.25);
    }

    @Test
    void noBudgetOrAFittingOneLeavesFullPower() {
        assertThat(model.factorWithin(10, 5, null)).isEqualTo(1);
        assertThat(model.factorWithin(10, 5, 1e9)).isEqualTo(1);
        assertThat(model.factorWithin(0, 5, 0.0)).isEqualTo(1); // nothing runs, nothing to slow
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void factorIsTheLargestShareWithinTheBudgetAndNeverNegative(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            int busy = 1 + random.nextInt(100_000);
            int idle = random.nextInt(100_000);
            double budget = random.nextDouble() * model.drawWatts(busy, idle, 1) * 1.2;
            double factor = model.factorWithin(busy, idle, budget);
            String what = "seed " + seed + " case " + i;
            assertThat(factor).as(what).isBetween(0.0, 1.0);
            if (model.drawWatts(busy, idle, 0) <= budget) {
                assertThat(model.drawWatts(busy, idle, factor)).as(what).isLessThanOrEqualTo(budget);
                if (factor < 1) {
                    assertThat(model.drawWatts(busy, idle, factor)).as(what + ": the cap is used, not undershot")
                            .isGreaterThan(budget * (1 - 1e-9));
                }
            } else {
                assertThat(factor).as(what).isZero();
            }
        }
    }
}
