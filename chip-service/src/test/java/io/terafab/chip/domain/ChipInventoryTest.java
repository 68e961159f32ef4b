package io.terafab.chip.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.terafab.platform.model.ModelRejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChipInventoryTest {

    static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    static final String BIN1 = "TFA-1-bin1";
    static final String BIN2 = "TFA-1-bin2";
    static final String BIN3 = "TFA-1-bin3";

    /** The service's defaults: yields 0.98 × 0.97, racks of 72, 12h lead time, 24 racks a day, 7-day TTLs and window. */
    static InventorySettings defaults() {
        return new InventorySettings(
                0.98,
                0.97,
                72,
                Duration.ofHours(12),
                24,
                Duration.ofDays(7),
                Duration.ofDays(7),
                Duration.ofDays(7),
                5000);
    }

    static ChipInventory inventory(InventorySettings settings) {
        return new ChipInventory(new SkuCatalog(Set.of("TFA-1"), List.of("bin1", "bin2", "bin3")), settings);
    }

    static ChipInventory inventory() {
        return inventory(defaults());
    }

    private static Instant hours(double h) {
        return T0.plusSeconds(Math.round(h * 3600));
    }

    @Test
    void aWaferOutBecomesChipsOfTheSkuOfEachBinThroughPackagingAndFinalTest() {
        ChipInventory inv = inventory();
        Map<String, Long> chips = inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 100, "bin2", 200), T0);
        // 100 → 98 packaged → 95 tested; 200 → 196 → 190
        assertThat(chips).containsEntry(BIN1, 95L).containsEntry(BIN2, 190L);
        assertThat(inv.counts(BIN2).inStock()).isEqualTo(190);
        assertThat(inv.lineage().chipsOfLot("LOT-1")).isEqualTo(Map.of(BIN1, 95L, BIN2, 190L));
        assertThat(inv.lineage().batchesOfLot("LOT-1"))
                .extracting(ChipBatch::batchId, ChipBatch::goodDies, ChipBatch::packaged)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("LOT-1/" + BIN1, 100L, 98L),
                        org.assertj.core.groups.Tuple.tuple("LOT-1/" + BIN2, 200L, 196L));
        assertThat(inv.lineage().lotsRecorded()).isEqualTo(1);
    }

    @Test
    void aRequestReservesFromStockAndInstallsIntoRacksOnlyAfterTheLeadTime() {
        ChipInventory inv = inventory();
        inv.advanceTo(T0);
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 1000), T0); // 950 chips
        CapacityRequest request = inv.requestCapacity("req-1", 100, BIN1, 1, T0);
        assertThat(request.filledOnArrival()).isEqualTo(100);
        assertThat(inv.counts(BIN1)).isEqualTo(new ChipCounts(950, 850, 100, 0, 0, 0, 0));

        assertThat(inv.advanceTo(hours(11.9)).installs()).isEmpty();

        // the crew starts ready for one rack: 72 at the lead time, the other 28 once it has worked 28/72 of an hour
        // more
        List<RackInstall> first = inv.advanceTo(hours(12)).installs();
        assertThat(first).singleElement().satisfies(i -> {
            assertThat(i.rackId()).isEqualTo("rack-00001");
            assertThat(i.sequence()).isZero();
            assertThat(i.acceleratorIds()).hasSize(72).startsWith("TFA-1-bin1-00000001");
        });
        assertThat(inv.advanceTo(hours(12.2)).installs()).isEmpty();
        List<RackInstall> second = inv.advanceTo(hours(12.5)).installs();
        assertThat(second).singleElement().satisfies(i -> {
            assertThat(i.rackId()).isEqualTo("rack-00002");
            assertThat(i.sequence()).isEqualTo(1);
            assertThat(i.acceleratorIds()).hasSize(28);
        });
        assertThat(inv.counts(BIN1)).isEqualTo(new ChipCounts(950, 850, 0, 100, 0, 0, 0));
        assertThat(inv.requests().find("req-1").orElseThrow().installed()).isEqualTo(100);
        assertThat(inv.reservations()).isEmpty();
    }

    @Test
    void installsDoNotDependOnHowFinelyTimeAdvances() {
        ChipInventory fine = inventory();
        ChipInventory coarse = inventory();
        for (ChipInventory inv : List.of(fine, coarse)) {
            inv.advanceTo(T0);
            inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 1000), T0);
            inv.requestCapacity("req-1", 500, BIN1, 1, T0);
        }
        for (int minutes = 10; minutes <= 15 * 60; minutes += 10) {
            fine.advanceTo(T0.plus(Duration.ofMinutes(minutes)));
        }
        coarse.advanceTo(hours(15));
        // idle until the lead time: one rack ready; then 72 an hour for three hours
        assertThat(fine.counts(BIN1).installed()).isEqualTo(288);
        assertThat(coarse.counts(BIN1).installed()).isEqualTo(288);
    }

    @Test
    void aShortStockFillsPartiallyAndBackordersAreServedByPriorityThenArrival() {
        ChipInventory inv = inventory();
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin3", 10), T0); // 10 → 9 → 8 chips
        assertThat(inv.requestCapacity("low", 50, BIN3, 1, T0).filledOnArrival())
                .isEqualTo(8);
        inv.requestCapacity("high-early", 30, BIN3, 5, T0);
        inv.requestCapacity("high-late", 10, BIN3, 5, T0);
        assertThat(inv.requests().backorders())
                .extracting(CapacityRequest::requestId)
                .containsExactly("high-early", "high-late", "low");
        assertThat(inv.backorderedBySku()).containsEntry(BIN3, 42L + 30 + 10);

        inv.recordWaferOut("LOT-2", "TFA-1", Map.of("bin3", 40), T0); // 40 → 39 → 37 chips
        assertThat(inv.requests().find("high-early").orElseThrow().backordered())
                .isZero();
        assertThat(inv.requests().find("high-late").orElseThrow().backordered()).isEqualTo(3);
        assertThat(inv.requests().find("low").orElseThrow().backordered()).isEqualTo(42);
        assertThat(inv.counts(BIN3).inStock()).isZero();
        assertThat(inv.requests().fillRatio()).isCloseTo(8.0 / 90, within(1e-12));
    }

    @Test
    void aRequestForAnySkuTakesFromTheSkusWithMostStockFirst() {
        ChipInventory inv = inventory();
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 100, "bin2", 300, "bin3", 50), T0); // 95, 285, 47
        inv.requestCapacity("any-1", 300, null, 1, T0);
        assertThat(inv.reservations())
                .extracting(Reservation::sku, Reservation::chips)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(BIN2, 285L),
                        org.assertj.core.groups.Tuple.tuple(BIN1, 15L));
    }

    @Test
    void stockIsReservedOldestBatchFirstAndRacksKnowTheLotsTheirChipsCameFrom() {
        ChipInventory inv = inventory();
        inv.advanceTo(T0);
        inv.recordWaferOut("LOT-A", "TFA-1", Map.of("bin1", 50), T0); // 47
        inv.recordWaferOut("LOT-B", "TFA-1", Map.of("bin1", 50), T0); // 47
        inv.requestCapacity("req-1", 60, BIN1, 1, T0);
        RackInstall install = inv.advanceTo(hours(12)).installs().get(0);

        assertThat(inv.crew().lotsOfRack(install.rackId())).isEqualTo(Map.of("LOT-A", 47L, "LOT-B", 13L));
        assertThat(inv.crew().racksOfLot("LOT-B")).isEqualTo(Map.of("rack-00001", 13L));
        assertThat(inv.lineage().batchesOfLot("LOT-B").get(0).counts())
                .isEqualTo(new ChipCounts(47, 34, 0, 13, 0, 0, 0));
        AcceleratorView last = inv.accelerator(install.acceleratorIds().get(59)).orElseThrow();
        assertThat(last.lotId()).isEqualTo("LOT-B");
        assertThat(last.requestId()).isEqualTo("req-1");
        assertThat(last.state()).isEqualTo(ChipState.INSTALLED);
    }

    @Test
    void lotsBeyondTheLineageWindowAreFoldedAndTheirAgedStockIsIssuedLast() {
        ChipInventory inv = inventory(new InventorySettings(
                0.98,
                0.97,
                72,
                Duration.ofHours(12),
                24,
                Duration.ofDays(7),
                Duration.ofDays(7),
                Duration.ofDays(7),
                2));
        inv.advanceTo(T0);
        for (String lot : List.of("LOT-1", "LOT-2", "LOT-3")) {
            inv.recordWaferOut(lot, "TFA-1", Map.of("bin1", 100), T0); // 95 chips each
        }
        assertThat(inv.lineage().isLotRecorded("LOT-1")).isTrue();
        assertThat(inv.lineage().isLotTracked("LOT-1")).isFalse();
        assertThat(inv.lineage().chipsOfLot("LOT-1")).isEmpty();
        assertThat(inv.lineage().untrackedBySku().get(BIN1)).isEqualTo(new ChipCounts(95, 95, 0, 0, 0, 0, 0));
        assertThat(inv.counts(BIN1)).isEqualTo(new ChipCounts(285, 285, 0, 0, 0, 0, 0));
        assertRejected(
                inv,
                () -> inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 100), T0),
                ModelRejection.Kind.NOT_ALLOWED,
                "already recorded");

        inv.requestCapacity("req-1", 200, BIN1, 1, T0); // LOT-2, LOT-3, then 10 of the aged stock
        inv.advanceTo(hours(12));
        List<RackInstall> installs = inv.advanceTo(hours(15)).installs();
        Map<String, Long> byLot = new java.util.TreeMap<>();
        inv.crew()
                .racks()
                .forEach(r -> inv.crew().lotsOfRack(r.rackId()).forEach((lot, n) -> byLot.merge(lot, n, Long::sum)));
        assertThat(byLot).isEqualTo(Map.of("LOT-2", 95L, "LOT-3", 95L, ChipBatch.UNTRACKED_LOT, 10L));
        assertThat(inv.crew().racksOfLot("LOT-3")).isEqualTo(Map.of("rack-00002", 49L, "rack-00003", 46L));

        String aged = installs.get(installs.size() - 1).acceleratorIds().get(55);
        assertThat(inv.accelerator(aged).orElseThrow().lotId()).isEqualTo(ChipBatch.UNTRACKED_LOT);
        inv.reportHealth(aged, "rack-00003", true, "XID 79", hours(15));
        assertThat(inv.lineage().untrackedBySku().get(BIN1)).isEqualTo(new ChipCounts(95, 85, 0, 9, 1, 0, 0));
        assertThat(inv.conserved()).isTrue();
    }

    @Test
    void chipsReservedBeforeTheirLotLeftTheLineageWindowStillNameItInTheirRack() {
        ChipInventory inv = inventory(new InventorySettings(
                0.98,
                0.97,
                72,
                Duration.ofHours(12),
                24,
                Duration.ofDays(7),
                Duration.ofDays(7),
                Duration.ofDays(7),
                1));
        inv.advanceTo(T0);
        inv.recordWaferOut("LOT-A", "TFA-1", Map.of("bin1", 100), T0);
        inv.requestCapacity("req-1", 50, BIN1, 1, T0);
        inv.recordWaferOut("LOT-B", "TFA-1", Map.of("bin1", 100), T0); // LOT-A leaves the window, reserved
        assertThat(inv.lineage().isLotTracked("LOT-A")).isFalse();
        assertThat(inv.lineage().untrackedBySku().get(BIN1)).isEqualTo(new ChipCounts(95, 45, 50, 0, 0, 0, 0));
        RackInstall install = inv.advanceTo(hours(12)).installs().get(0);
        assertThat(inv.crew().lotsOfRack(install.rackId())).isEqualTo(Map.of("LOT-A", 50L));
        assertThat(inv.lineage().untrackedBySku().get(BIN1)).isEqualTo(new ChipCounts(95, 45, 0, 50, 0, 0, 0));
    }

    @Test
    void reservationsNotInstalledInTimeGoBackToStock() {
        // crews so slow that after the first rack nothing more is installed within the week
        ChipInventory inv = inventory(new InventorySettings(
                0.98,
                0.97,
                72,
                Duration.ofHours(12),
                0.01,
                Duration.ofDays(7),
                Duration.ofDays(7),
                Duration.ofDays(7),
                5000));
        inv.advanceTo(T0);
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 1000), T0); // 950
        inv.requestCapacity("req-1", 200, BIN1, 1, T0);
        assertThat(inv.advanceTo(hours(12)).installs()).hasSize(1);
        TickOutcome week = inv.advanceTo(hours(24 * 7));
        assertThat(week.expiredReservations()).containsExactly("req-1#1");
        CapacityRequest request = inv.requests().find("req-1").orElseThrow();
        assertThat(request.installed()).isEqualTo(72);
        assertThat(request.expired()).isEqualTo(128);
        assertThat(inv.counts(BIN1)).isEqualTo(new ChipCounts(950, 878, 0, 72, 0, 0, 0));
        assertThat(inv.requests().expiredTotal()).isEqualTo(128);
    }

    @Test
    void backordersNotFilledInTimeAreGivenUp() {
        ChipInventory inv = inventory();
        inv.advanceTo(T0);
        inv.requestCapacity("req-1", 10, BIN2, 1, T0);
        assertThat(inv.advanceTo(hours(24 * 7 - 1)).cancelledBackorders()).isEmpty();
        assertThat(inv.advanceTo(hours(24 * 7)).cancelledBackorders()).containsExactly("req-1");
        assertThat(inv.requests().backorders()).isEmpty();
        assertThat(inv.requests().find("req-1").orElseThrow().backorderCancelled())
                .isEqualTo(10);
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin2", 100), hours(24 * 7));
        assertThat(inv.counts(BIN2).reserved()).isZero();
    }

    @Test
    void aFailedAcceleratorLeavesServiceAndCanThenBeReturnedOrScrappedButNothingElse() {
        ChipInventory inv = inventory();
        inv.advanceTo(T0);
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 100), T0);
        inv.requestCapacity("req-1", 3, BIN1, 1, T0);
        List<String> ids = inv.advanceTo(hours(12)).installs().get(0).acceleratorIds();

        assertThat(inv.reportHealth(ids.get(0), "rack-00001", false, null, hours(13)))
                .isEmpty();
        Removal removal = inv.reportHealth(ids.get(0), "rack-00001", true, "XID 79", hours(13))
                .orElseThrow();
        assertThat(removal).isEqualTo(new Removal(ids.get(0), "rack-00001", BIN1, "XID 79", hours(13)));
        inv.reportHealth(ids.get(1), "rack-00001", true, "thermal trip", hours(13));
        assertThat(inv.counts(BIN1)).isEqualTo(new ChipCounts(95, 92, 0, 1, 2, 0, 0));

        assertThat(inv.returnFailed(ids.get(0), hours(14)).state()).isEqualTo(ChipState.RETURNED);
        assertThat(inv.scrapFailed(ids.get(1), hours(14)).state()).isEqualTo(ChipState.SCRAPPED);
        assertThat(inv.counts(BIN1)).isEqualTo(new ChipCounts(95, 92, 0, 1, 0, 1, 1));
        assertThat(inv.accelerator(ids.get(0)).orElseThrow().failureReason()).isEqualTo("XID 79");

        assertRejected(
                inv,
                () -> inv.reportHealth(ids.get(0), "rack-00001", true, "again", hours(15)),
                ModelRejection.Kind.NOT_ALLOWED,
                "is RETURNED");
        assertRejected(
                inv,
                () -> inv.scrapFailed(ids.get(0), hours(15)),
                ModelRejection.Kind.NOT_ALLOWED,
                "cannot become SCRAPPED");
        assertRejected(
                inv, () -> inv.returnFailed(ids.get(2), hours(15)), ModelRejection.Kind.NOT_ALLOWED, "is INSTALLED");
    }

    @Test
    void aHealthReportObservedBeforeTheAcceleratorWasInstalledIsRefusedAsOutOfOrder() {
        ChipInventory inv = inventory();
        inv.advanceTo(T0);
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 100), T0);
        inv.requestCapacity("req-1", 2, BIN1, 1, T0);
        String id = inv.advanceTo(hours(12)).installs().get(0).acceleratorIds().get(0);

        assertRejected(
                inv,
                () -> inv.reportHealth(id, "rack-00001", true, "XID 79", hours(11)),
                ModelRejection.Kind.OUT_OF_ORDER,
                "older than its install");

        assertThat(inv.accelerator(id).orElseThrow().state()).isEqualTo(ChipState.INSTALLED);
        assertThat(inv.reportHealth(id, "rack-00001", true, "XID 79", hours(12)))
                .as("observed at the install")
                .isPresent();
    }

    @Test
    void rejectsUnknownEntitiesReplaysAndBadCountsChangingNothing() {
        ChipInventory inv = inventory();
        inv.advanceTo(T0);
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 100), T0);
        inv.requestCapacity("req-1", 2, BIN1, 1, T0);
        String id = inv.advanceTo(hours(12)).installs().get(0).acceleratorIds().get(0);

        assertRejected(
                inv,
                () -> inv.recordWaferOut("LOT-2", "OTHER", Map.of("bin1", 1), T0),
                ModelRejection.Kind.UNKNOWN_ENTITY,
                "unknown product");
        assertRejected(
                inv,
                () -> inv.recordWaferOut("LOT-2", "TFA-1", Map.of("bin1", 5, "bin9", 1), T0),
                ModelRejection.Kind.UNKNOWN_ENTITY,
                "unknown bin");
        assertRejected(
                inv,
                () -> inv.recordWaferOut("LOT-2", "TFA-1", Map.of("bin1", 5, "bin2", -1), T0),
                ModelRejection.Kind.INVALID,
                "must be >= 0");
        assertRejected(
                inv,
                () -> inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 1), T0),
                ModelRejection.Kind.NOT_ALLOWED,
                "already recorded");
        assertRejected(
                inv,
                () -> inv.requestCapacity("req-2", 1, "NOPE", 1, T0),
                ModelRejection.Kind.UNKNOWN_ENTITY,
                "unknown SKU");
        assertRejected(
                inv, () -> inv.requestCapacity("req-2", -4, BIN1, 1, T0), ModelRejection.Kind.INVALID, "must be > 0");
        assertRejected(
                inv,
                () -> inv.requestCapacity("req-1", 1, BIN1, 1, T0),
                ModelRejection.Kind.NOT_ALLOWED,
                "already received");
        assertRejected(
                inv,
                () -> inv.reportHealth("TFA-1-bin1-99999999", "rack-00001", true, "x", T0),
                ModelRejection.Kind.UNKNOWN_ENTITY,
                "unknown accelerator");
        assertRejected(
                inv,
                () -> inv.reportHealth(id, "rack-00042", true, "x", T0),
                ModelRejection.Kind.UNKNOWN_ENTITY,
                "unknown rack");
        assertRejected(
                inv,
                () -> inv.reportHealth(id.replace("bin1", "bin2"), "rack-00001", true, "x", T0),
                ModelRejection.Kind.UNKNOWN_ENTITY,
                "unknown accelerator");
        assertRejected(
                inv,
                () -> inv.returnFailed("rack-00001", T0),
                ModelRejection.Kind.UNKNOWN_ENTITY,
                "unknown accelerator");
    }

    @Test
    void reportsEverySkuOnceThenOnlyTheSkusThatChanged() {
        ChipInventory inv = inventory();
        assertThat(inv.advanceTo(T0).reports()).extracting(SkuReport::sku).containsExactly(BIN1, BIN2, BIN3);
        assertThat(inv.advanceTo(T0).reports()).isEmpty();
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin2", 100), T0);
        inv.requestCapacity("req-1", 500, BIN3, 1, T0); // only a backorder changes
        assertThat(inv.advanceTo(T0).reports())
                .extracting(SkuReport::sku, SkuReport::number, SkuReport::backordered)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(BIN2, 2L, 0L),
                        org.assertj.core.groups.Tuple.tuple(BIN3, 2L, 500L));
    }

    @Test
    void ratesAndDaysOfSupplyFollowSimulatedTimeOverTheTrailingWindow() {
        ChipInventory inv = inventory();
        inv.advanceTo(T0);
        assertThat(inv.supplySeconds(BIN1)).isZero(); // nothing on hand
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 7 * 1000), T0); // 6860 → 6654 chips
        assertThat(inv.supplySeconds(BIN1)).isInfinite(); // stock, but nobody uses it
        inv.requestCapacity("req-1", 700, BIN1, 1, T0);
        inv.advanceTo(hours(1));
        double week = Duration.ofDays(7).toSeconds();
        assertThat(inv.productionPerSecond(BIN1)).isCloseTo(6654 / week, within(1e-9));
        assertThat(inv.usagePerSecond(BIN1)).isCloseTo(700 / week, within(1e-9));
        assertThat(inv.supplySeconds(BIN1) / 86_400).isCloseTo(5954 / 100.0, within(1e-6)); // 100 a day
        inv.advanceTo(hours(24 * 7 + 1));
        assertThat(inv.productionPerSecond(BIN1)).isZero();
    }

    @Test
    void aLateEventIsAppliedAtTheTwinsCurrentTime() {
        ChipInventory inv = inventory();
        inv.advanceTo(hours(100));
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 100), T0);
        inv.requestCapacity("req-1", 10, BIN1, 1, T0);
        assertThat(inv.reservations().get(0).installableAt()).isEqualTo(hours(112));
        assertThat(inv.advanceTo(hours(50)).installs()).isEmpty(); // time never runs backwards
    }

    @Test
    void snapshotRoundTripRestoresEverythingAndTheSameFuture() {
        ChipInventory inv = inventory();
        inv.advanceTo(T0);
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 300, "bin2", 7), T0);
        inv.requestCapacity("r1", 100, null, 2, T0);
        inv.requestCapacity("r2", 500, BIN2, 1, T0);
        String failed =
                inv.advanceTo(hours(12)).installs().get(0).acceleratorIds().get(3);
        inv.reportHealth(failed, "rack-00001", true, "XID 48", hours(12));
        inv.advanceTo(hours(12)); // reports the changed SKUs: the last reports are part of the state
        inv.jobs().ran("job-1", "research", List.of("rack-00001"), hours(10));
        inv.jobs().ran("job-2", "research", List.of("rack-00001"), hours(11));
        inv.jobs().stopped("job-1", hours(12), "completed");

        ChipInventory restored = inventory();
        restored.restore(inv.state());
        assertThat(restored.state()).isEqualTo(inv.state());
        assertThat(restored.accelerator(failed)).isEqualTo(inv.accelerator(failed));
        restored.jobs().stopped("job-2", hours(13), "preempted"); // the restored index knows job-2's open run
        inv.jobs().stopped("job-2", hours(13), "preempted");
        assertThat(restored.jobs().runsOn("rack-00001").get(0).endedAs()).isEqualTo("preempted");
        assertThat(restored.advanceTo(hours(20))).isEqualTo(inv.advanceTo(hours(20)));
        assertThat(restored.recordWaferOut("LOT-2", "TFA-1", Map.of("bin2", 100), hours(20)))
                .isEqualTo(inv.recordWaferOut("LOT-2", "TFA-1", Map.of("bin2", 100), hours(20)));
        assertThat(restored.state()).isEqualTo(inv.state());
    }

    @Test
    void availabilityIsTheStockLessBackordersPlusTheLatestForecastsChips() {
        ChipInventory inv = inventory();
        inv.advanceTo(T0);
        assertThat(inv.availability(T0)).isEmpty();
        inv.recordWaferOut("LOT-1", "TFA-1", Map.of("bin1", 100), T0); // 95 chips
        inv.requestCapacity("r1", 120, "TFA-1-bin1", 1, T0); // 95 reserved, 25 backordered
        inv.requestCapacity("r2", 10, null, 1, T0); // 10 backordered for any SKU
        SupplyForecast forecast = new SupplyForecast(
                "fab",
                T0,
                List.of(new SupplyForecast.Week(
                        1,
                        T0,
                        T0.plus(Duration.ofDays(7)),
                        Map.of("TFA-1-bin1", new SupplyForecast.Dies(100, 200, 300)))));
        inv.receiveForecast(forecast);

        AcceleratorAvailability a = inv.availability(T0).orElseThrow();
        // bin1: 0 in stock (the reserved 95 are not counted again), 25 backordered, then 0.98 × 0.97 of the dies
        assertThat(a.weeks().get(0).bySku().get("TFA-1-bin1"))
                .isEqualTo(new AcceleratorAvailability.Band(95 - 25, 190 - 25, 285 - 25));
        assertThat(a.weeks().get(0).accelerators())
                .isEqualTo(new AcceleratorAvailability.Band(95 - 35, 190 - 35, 285 - 35));

        assertRejected(
                inv,
                () -> inv.receiveForecast(new SupplyForecast("fab", T0, List.of())),
                ModelRejection.Kind.INVALID,
                "at least one week");
        SupplyForecast readLater = new SupplyForecast("fab", T0.minusSeconds(1), forecast.weeks());
        inv.receiveForecast(readLater); // the later record of the log wins, whatever its from
        assertThat(inv.forecast()).contains(readLater);
    }

    @Test
    void refusesASnapshotOfAnotherFormat() {
        InventoryState state = inventory().state();
        InventoryState old = new InventoryState(
                1,
                state.counts(),
                state.lastReports(),
                state.producedByHour(),
                state.reservedByHour(),
                state.lots(),
                state.batches(),
                state.untracked(),
                state.requests(),
                state.reservations(),
                state.racks(),
                state.retired(),
                0,
                0,
                1,
                0,
                null,
                null,
                null,
                null);
        assertThatThrownBy(() -> inventory().restore(old)).hasMessageContaining("format 1");
    }

    static void assertRejected(ChipInventory inv, Runnable change, ModelRejection.Kind kind, String message) {
        InventoryState before = inv.state();
        assertThatThrownBy(change::run)
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContaining(message);
        assertThat(inv.state())
                .as("a rejected change leaves the state as it was")
                .isEqualTo(before);
    }
}
