package io.terafab.testing.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PropertySeedsTest {

    @Test
    void withoutThePropertyTheListedSeedsRunAsWritten() {
        assertThat(PropertySeeds.Base.parse("").value()).isZero();
        assertThat(PropertySeeds.Base.parse("  ").value()).isZero();
    }

    @Test
    void aNumberIsTheBase() {
        assertThat(PropertySeeds.Base.parse("20271231").value()).isEqualTo(20271231L);
        assertThat(PropertySeeds.Base.parse("-5").value()).isEqualTo(-5L);
    }

    @Test
    void randomPicksAPositiveBaseAndSaysHowToReplayIt() {
        PropertySeeds.Base base = PropertySeeds.Base.parse("random");

        assertThat(base.value()).isNotNegative();
        assertThat(base.origin()).contains("-Dtwin.seed=" + base.value());
    }

    @Test
    void anythingElseIsRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> PropertySeeds.Base.parse("seven"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number or 'random'");
    }

    @Test
    void theSeedsAreTheListedOnesMovedByTheBase() {
        long base = PropertySeeds.base();

        assertThat(PropertySeeds.of(1, 5, 8)).containsExactly(base + 1, base + 5, base + 8);
        assertThat(PropertySeeds.range(3, 5)).containsExactly(base + 3, base + 4, base + 5);
    }
}
