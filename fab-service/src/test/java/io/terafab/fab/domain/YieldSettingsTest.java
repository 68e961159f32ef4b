package io.terafab.fab.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class YieldSettingsTest {

    private static YieldSettings with(DieYieldModel model, double d0) {
        return new YieldSettings(800, d0, model, 3, List.of("bin1", "bin2", "bin3"), List.of(0.25, 0.5, 0.25));
    }

    @Test
    void aReticleSizeDieHas64SitesAndThePoissonYieldOfTheDefaults() {
        YieldSettings defaults = with(DieYieldModel.POISSON, 0.06385);

        assertThat(defaults.grossDiesPerWafer()).isEqualTo(64);
        assertThat(defaults.dieYield()).isCloseTo(Math.exp(-0.8 * 0.06385 * 10), within(1e-12));
        assertThat(defaults.goodDiesByBin(25))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("bin1", 240),
                        org.assertj.core.api.Assertions.entry("bin2", 480),
                        org.assertj.core.api.Assertions.entry("bin3", 240));
    }

    @Test
    void murphyAndNegativeBinomialAreKinderToLargeDiesThanPoisson() {
        double poisson = with(DieYieldModel.POISSON, 0.1).dieYield();
        double murphy = with(DieYieldModel.MURPHY, 0.1).dieYield();
        double negativeBinomial = with(DieYieldModel.NEGATIVE_BINOMIAL, 0.1).dieYield();

        assertThat(murphy)
                .isCloseTo(Math.pow((1 - Math.exp(-0.8)) / 0.8, 2), within(1e-12))
                .isGreaterThan(poisson);
        assertThat(negativeBinomial)
                .isCloseTo(Math.pow(1 + 0.8 / 3, -3), within(1e-12))
                .isGreaterThan(poisson);
        assertThat(DieYieldModel.NEGATIVE_BINOMIAL.yield(0.8, 1e9))
                .as("α → ∞ is Poisson")
                .isCloseTo(Math.exp(-0.8), within(1e-6));
        assertThat(with(DieYieldModel.MURPHY, 0).dieYield()).isEqualTo(1);
    }

    /**
     * Worked by hand: without defects every one of the 64 sites is good. One wafer: 0.45 × 64 = 28.8
     * and 0.25 × 64 = 16 are rounded down to 28 and 16, and the last bin gets the other 20, not
     * 0.3 × 64 = 19.2 rounded (rounding each share would give 29/16/19). Three wafers: 192 dies,
     * 86.4 → 86, 48, and 192 − 134 = 58.
     */
    @Test
    void goodDiesAreSplitOverTheBinsWithTheRemainderInTheLast() {
        YieldSettings settings =
                new YieldSettings(800, 0, DieYieldModel.POISSON, 3, List.of("a", "b", "c"), List.of(0.45, 0.25, 0.3));

        assertThat(settings.goodDiesByBin(1)).containsExactly(entry("a", 28), entry("b", 16), entry("c", 20));
        assertThat(settings.goodDiesByBin(3)).containsExactly(entry("a", 86), entry("b", 48), entry("c", 58));
    }

    @Test
    void inconsistentSettingsAreRefused() {
        assertThatThrownBy(() ->
                        new YieldSettings(800, 0.06385, DieYieldModel.POISSON, 3, List.of("a", "b"), List.of(0.5, 0.6)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new YieldSettings(0, 0.064, DieYieldModel.POISSON, 3, List.of("a"), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new YieldSettings(800, -1, DieYieldModel.POISSON, 3, List.of("a"), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
