package io.terafab.power.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.terafab.power.domain.GridSettings;
import io.terafab.power.domain.MeritOrder;
import io.terafab.power.domain.PriorityTier;
import org.junit.jupiter.api.Test;

/** The documented defaults make a valid campus of several hundred MW. */
class PowerConfigDefaultsTest {

    @Test
    void theDefaultCampusHasEveryKindOfAssetAtCampusScale() {
        GridSettings settings = PowerTwinSnapshotTest.defaults().toSettings();

        double onSite =
                settings.gasTurbines().stream().mapToDouble(g -> g.capacityMw()).sum()
                        + settings.solarPlants().stream()
                                .mapToDouble(s -> s.nameplateMw())
                                .sum()
                        + settings.batteries().stream()
                                .mapToDouble(b -> b.dischargeMw())
                                .sum();
        assertThat(settings.importCapMw() + onSite).isBetween(300.0, 1_000.0);
        assertThat(settings.gasTurbines()).extracting(g -> g.id()).containsExactly("gt-1", "gt-2", "gt-3");
        assertThat(settings.solarPlants()).extracting(s -> s.id()).containsExactly("solar-1");
        assertThat(settings.batteries()).extracting(b -> b.id()).containsExactly("bess-1");
        assertThat(settings.consumers()).containsExactly("fab", "dc");
        assertThat(settings.policy().tiers())
                .containsExactly(
                        new PriorityTier("fab", 0.4),
                        new PriorityTier("dc", 0.3),
                        new PriorityTier("fab", 1),
                        new PriorityTier("dc", 1));
        assertThat(settings.meritOrder()).isEqualTo(MeritOrder.COST);
        assertThat(settings.tariff().utcOffset().getTotalSeconds()).isEqualTo(-6 * 3600);
    }
}
