package io.terafab.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The split every service books energy, carbon and cost with: parts add up to the whole, exactly. */
class SharesTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233})
    void partsAddUpToTheWholeAndStayWithinOneUnitOfTheExactShare(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(40);
            double[] weights = new double[n];
            for (int i = 0; i < n; i++) {
                // zeros, tiny and huge weights side by side, as lots idle and lots on a heavy tool are
                weights[i] = random.nextInt(5) == 0 ? 0 : Math.pow(10, random.nextDouble(-6, 9));
            }
            long total = random.nextInt(4) == 0 ? random.nextLong(0, 1_000) : random.nextLong(0, 1L << 50);
            long[] parts = Shares.split(total, weights);
            double sum = Arrays.stream(weights).sum();
            long booked = Arrays.stream(parts).sum() + Shares.unsplit(total, weights);
            assertThat(booked).as("seed %d round %d", seed, round).isEqualTo(total);
            for (int i = 0; i < n; i++) {
                assertThat(parts[i])
                        .as("seed %d round %d part %d", seed, round, i)
                        .isNotNegative();
                if (weights[i] == 0) {
                    assertThat(parts[i]).isZero();
                } else if (sum > 0) {
                    double exact = total * (weights[i] / sum);
                    assertThat(Math.abs(parts[i] - exact))
                            .as("seed %d round %d part %d", seed, round, i)
                            .isLessThanOrEqualTo(1 + Math.ulp((double) total) * 4);
                }
            }
        }
    }

    @Test
    void withNoWeightTheWholeStaysUnsplit() {
        assertThat(Shares.split(7, new double[] {0, 0})).containsExactly(0, 0);
        assertThat(Shares.unsplit(7, new double[] {0, 0})).isEqualTo(7);
        assertThat(Shares.unsplit(7, new double[0])).isEqualTo(7);
        assertThat(Shares.split(10, new double[] {1, 1, 1})).containsExactly(4, 3, 3);
    }

    @Test
    void stepsOfARunningTotalAddUpToTheRoundedTotal() {
        SplittableRandom random = new SplittableRandom(42);
        double total = 0;
        long stepped = 0;
        for (int i = 0; i < 10_000; i++) {
            double before = total;
            total += random.nextDouble(0, 3.7);
            stepped += Shares.step(before, total);
        }
        assertThat(stepped).isEqualTo(Math.round(total));
    }

    @Test
    void negativeOrInfiniteWeightsAreRefused() {
        assertThatThrownBy(() -> Shares.split(1, new double[] {-1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shares.split(1, new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
