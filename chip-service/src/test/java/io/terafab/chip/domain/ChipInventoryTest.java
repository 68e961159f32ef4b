package io.terafab.chip.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ChipInventoryTest {

    private static ChipInventory inventory() {
        return new ChipInventory(new SkuCatalog(Set.of("TFA-1"), List.of("bin1", "bin2", "bin3")), 0.95, 72);
    }

    @Test
    void aWaferOutBecomesChipsOfTheSkuOfEachBinAfterAssemblyYield() {
        ChipInventory inv = inventory();
        Map<String, Long> chips = inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 100, "bin2", 200));
        assertThat(chips).containsEntry("TFA-1-bin1", 95L).containsEntry("TFA-1-bin2", 190L);
        assertThat(inv.stockBySku().get("TFA-1-bin2").inStock()).isEqualTo(190);
        assertThat(inv.chipsOfLot("LOT-1")).isEqualTo(chips);
    }

    @Test
    void installsFillRacksInOrderAndTakeFromStock() {
        ChipInventory inv = inventory();
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 1000));
        List<RackInstall> first = inv.install("r1", 50, "TFA-1-bin1");
        List<RackInstall> second = inv.install("r2", 50, null);
        assertThat(first).singleElement().satisfies(i -> assertThat(i.rackId()).isEqualTo("rack-00001"));
        assertThat(second).extracting(RackInstall::rackId).containsExactly("rack-00001", "rack-00002");
        assertThat(second.get(0).acceleratorIds()).hasSize(22);
        assertThat(inv.stockBySku().get("TFA-1-bin1").installed()).isEqualTo(100);
        assertThat(inv.stockBySku().get("TFA-1-bin1").inStock()).isEqualTo(850);
    }

    @Test
    void aShortStockFillsPartially() {
        ChipInventory inv = inventory();
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin3", 10));
        List<RackInstall> installs = inv.install("r1", 72, "TFA-1-bin3");
        assertThat(installs.get(0).acceleratorIds()).hasSize(9);
    }

    @Test
    void rejectsAnUnknownProductBinOrSkuAndAReplayedLot() {
        ChipInventory inv = inventory();
        assertThatThrownBy(() -> inv.recordWaferOut("LOT-1", "OTHER", Map.of("bin1", 1))).hasMessageContaining("unknown product");
        assertThatThrownBy(() -> inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin9", 1))).hasMessageContaining("unknown bin");
        assertThatThrownBy(() -> inv.install("r1", 1, "NOPE")).hasMessageContaining("unknown SKU");
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 1));
        assertThatThrownBy(() -> inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 1))).hasMessageContaining("already recorded");
    }

    /**
     * Property: over random sequences of valid and invalid operations, chips are conserved per
     * SKU after every step, and a rejected operation changes nothing.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void conservesChipsPerSkuAndRejectedOperationsChangeNothing(long seed) {
        Random random = new Random(seed);
        ChipInventory inv = inventory();
        for (int step = 0; step < 500; step++) {
            ChipInventory.InventoryState before = inv.state();
            try {
                if (random.nextBoolean()) {
                    Map<String, Integer> dies = new LinkedHashMap<>();
                    dies.put(random.nextInt(10) == 0 ? "binX" : "bin" + (1 + random.nextInt(3)), random.nextInt(500));
                    String product = random.nextInt(10) == 0 ? "UNKNOWN" : "TFA-1";
                    inv.recordWaferOut("LOT-" + random.nextInt(400), product, dies);
                } else {
                    String sku = switch (random.nextInt(5)) {
                        case 0 -> null;
                        case 1 -> "NOPE";
                        default -> "TFA-1-bin" + (1 + random.nextInt(3));
                    };
                    inv.install("req-" + random.nextInt(400), random.nextInt(200) - 5, sku);
                }
            } catch (InventoryRejection rejected) {
                assertThat(inv.state()).as("seed %d step %d: a rejection changed the state", seed, step).isEqualTo(before);
            }
            assertThat(inv.conserved()).as("seed %d step %d: conservation", seed, step).isTrue();
        }
    }

    @Test
    void snapshotRoundTripRestoresEverything() {
        ChipInventory inv = inventory();
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 300, "bin2", 7));
        inv.install("r1", 100, null);
        ChipInventory restored = inventory();
        restored.restore(inv.state());
        assertThat(restored.state()).isEqualTo(inv.state());
        assertThat(restored.install("r2", 1, "TFA-1-bin1").get(0).acceleratorIds())
                .isEqualTo(inv.install("r2", 1, "TFA-1-bin1").get(0).acceleratorIds());
    }
}
