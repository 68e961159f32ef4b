package io.terafab.chip.domain.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.terafab.chip.domain.ChipInventory;
import io.terafab.chip.domain.InventorySettings;
import io.terafab.chip.domain.RackInstall;
import io.terafab.chip.domain.SkuCatalog;
import io.terafab.testing.property.PropertySeeds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Embodied energy and carbon: a lot's fab footprint spread over its chips, exactly, plus packaging and test. */
class EmbodiedAccountingTest {

    static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    static final PackagingFootprint PACKAGING = new PackagingFootprint(300, 150);

    static ChipInventory inventory() {
        return new ChipInventory(
                new SkuCatalog(Set.of("TFA-1"), List.of("bin1", "bin2", "bin3")),
                new InventorySettings(
                        0.98,
                        0.97,
                        72,
                        Duration.ofHours(12),
                        24,
                        Duration.ofDays(7),
                        Duration.ofDays(7),
                        Duration.ofDays(7),
                        5000));
    }

    static LongStream seeds() {
        return PropertySeeds.of(1, 2, 3, 5, 8, 13);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theSkusEmbodyExactlyTheFabEnergyOfTheLotsRecorded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        EmbodiedLedger ledger = new EmbodiedLedger(50);
        long wh = 0;
        long grams = 0;
        for (int lot = 0; lot < 200; lot++) {
            Map<String, Long> chips = new TreeMap<>();
            for (String sku : List.of("TFA-1-bin1", "TFA-1-bin2", "TFA-1-bin3")) {
                chips.put(sku, (long) random.nextInt(0, 500));
            }
            long lotWh = random.nextLong(0, 100_000_000L);
            long lotGrams = random.nextLong(0, 40_000_000L);
            ledger.recordLot("LOT-" + lot, lotWh, lotGrams, 1_000, chips);
            if (chips.values().stream().mapToLong(Long::longValue).sum() > 0) {
                wh += lotWh;
                grams += lotGrams;
            }
        }
        long skuWh = ledger.bySku().values().stream()
                .mapToLong(EmbodiedLedger.SkuTotals::fabWh)
                .sum();
        long skuGrams = ledger.bySku().values().stream()
                .mapToLong(EmbodiedLedger.SkuTotals::fabCarbonGrams)
                .sum();
        assertThat(skuWh).as("seed " + seed).isEqualTo(wh);
        assertThat(skuGrams).as("seed " + seed).isEqualTo(grams);
        assertThat(ledger.lot("LOT-0")).as("folded out of a window of 50").isEmpty();
        assertThat(ledger.lot("LOT-199")).isPresent();
    }

    @Test
    void anAcceleratorEmbodiesItsLotsFabEnergyPerChipPlusPackagingAndTest() {
        EmbodiedLedger ledger = new EmbodiedLedger(10);
        // 1,000 good dies became 950 chips: the 50 lost carry no energy of their own
        ledger.recordLot("LOT-1", 95_000_000L, 38_000_000L, 1_000, Map.of("TFA-1-bin1", 950L));

        EmbodiedLedger.Embodied e = ledger.accelerator("LOT-1", "TFA-1-bin1", PACKAGING);

        assertThat(e.fabWh()).isCloseTo(100_000, within(1e-9));
        assertThat(e.totalWh()).isCloseTo(100_300, within(1e-9));
        assertThat(e.totalCarbonGrams()).isCloseTo(40_150, within(1e-9));
        assertThat(ledger.lot("LOT-1").orElseThrow().whPerGoodDie()).isCloseTo(95_000, within(1e-9));
        assertThat(ledger.accelerator("LOT-GONE", "TFA-1-bin1", PACKAGING).fabWh())
                .as("a lot no longer kept: the SKU's mean")
                .isCloseTo(100_000, within(1e-9));
        ledger.recordLot("LOT-2", null, null, 1_000, Map.of("TFA-1-bin1", 950L));
        assertThat(ledger.lotsWithoutFootprint()).isEqualTo(1);
        assertThat(ledger.accelerator("LOT-2", "TFA-1-bin1", PACKAGING).fabWh())
                .as("a lot without footprint: the SKU's mean")
                .isCloseTo(100_000, within(1e-9));
    }

    @Test
    void anInstallsOriginsNameTheBatchAndLotOfEveryAcceleratorInOrder() {
        ChipInventory inv = inventory();
        inv.advanceTo(T0);
        Map<String, Long> chips1 =
                inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 50), T0); // 50 -> 49 packaged -> 47 tested
        inv.embodied().recordLot("LOT-1", 4_800_000L, 1_920_000L, 50, chips1);
        Map<String, Long> chips2 = inv.recordWaferOut("LOT-2", "TFA-1", Map.of("bin1", 100), T0); // 95 chips
        inv.embodied().recordLot("LOT-2", 19_000_000L, 7_600_000L, 100, chips2);
        inv.requestCapacity("req-1", 72, "TFA-1-bin1", 1, T0);

        List<RackInstall> installs =
                inv.advanceTo(T0.plus(Duration.ofHours(12))).installs();

        RackInstall install = installs.get(0);
        List<InstallOrigins.Origin> origins =
                InstallOrigins.of(inv, install.sku(), install.acceleratorIds(), PACKAGING);
        assertThat(origins)
                .extracting(InstallOrigins.Origin::lotId, InstallOrigins.Origin::accelerators)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("LOT-1", 47),
                        org.assertj.core.groups.Tuple.tuple("LOT-2", 25));
        assertThat(chips1).containsEntry("TFA-1-bin1", 47L);
        assertThat(origins.get(0).embodied().totalWh()).isCloseTo(4_800_000.0 / 47 + 300, within(1e-9));
        assertThat(origins.get(1).embodied().totalWh()).isCloseTo(200_300, within(1e-9));
    }
}
