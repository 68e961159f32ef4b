package io.terafab.fab.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RandomStreamTest {

    @Test
    void theSameSeedDrawsTheSameNumbersAndARestoredStreamContinuesIt() {
        RandomStream a = new RandomStream(7);
        RandomStream b = new RandomStream(7);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
        RandomStream c = new RandomStream(0);
        c.restore(a.state());
        assertThat(c.nextDouble()).isEqualTo(a.nextDouble());
    }

    @Test
    void streamsForDifferentPurposesDiffer() {
        assertThat(RandomStream.of(1, 0).nextLong())
                .isNotEqualTo(RandomStream.of(1, 1).nextLong());
    }

    @Test
    void distributionsHaveTheirMeansAndBounds() {
        RandomStream random = new RandomStream(3);
        Distribution uniform = Distribution.uniform(10, 2);
        Distribution exponential = Distribution.exponential(5);
        double sumU = 0;
        double sumE = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double u = uniform.sample(random);
            assertThat(u).isBetween(8.0, 12.0);
            sumU += u;
            sumE += exponential.sample(random);
        }
        assertThat(sumU / n).isCloseTo(10, within(0.02));
        assertThat(sumE / n).isCloseTo(5, within(0.05));
    }
}
