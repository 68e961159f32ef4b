package io.terafab.chip.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.terafab.platform.model.ModelRejection;
import io.terafab.testing.property.PropertySeeds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over seeded random sequences of valid and invalid events (wafer-outs, capacity
 * requests, ticks, health reports, returns and scraps): after every step chips are conserved per
 * SKU and per batch, every requested accelerator is accounted for, and a rejected event changed
 * nothing. The seed is in every failure message.
 */
class ChipInventoryPropertiesTest {

    private static final String[] SKUS = {"TFA-1-bin1", "TFA-1-bin2", "TFA-1-bin3"};

    static LongStream seeds() {
        return PropertySeeds.of(1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void conservesChipsAndAccountsForEveryRequestAndRejectedEventsChangeNothing(long seed) {
        Random random = new Random(seed);
        // slow crews, short TTLs and a short lineage window on some seeds, so that expiries, cancelled
        // backorders and folded lots happen too
        InventorySettings settings = new InventorySettings(
                0.98,
                0.97,
                8 + random.nextInt(72),
                Duration.ofHours(random.nextInt(24)),
                0.5 + random.nextInt(30),
                Duration.ofHours(24 + random.nextInt(200)),
                Duration.ofHours(1 + random.nextInt(200)),
                Duration.ofDays(7),
                3 + random.nextInt(60));
        ChipInventory inv = ChipInventoryTest.inventory(settings);
        int maxDiesPerBin = 20 + random.nextInt(400); // some seeds run short of stock, so backorders wait and expire

        Instant now = ChipInventoryTest.T0;
        List<String> installed = new ArrayList<>();
        Map<String, String> rackOf = new HashMap<>();
        int rejected = 0;

        for (int step = 0; step < 800; step++) {
            InventoryState before = inv.state();
            String event = "";
            try {
                switch (random.nextInt(9)) {
                    case 0, 1 -> {
                        Map<String, Integer> dies = new LinkedHashMap<>();
                        for (int b = 0; b < 1 + random.nextInt(3); b++) {
                            String bin = random.nextInt(15) == 0 ? "binX" : "bin" + (1 + random.nextInt(3));
                            dies.put(
                                    bin,
                                    random.nextInt(20) == 0 ? -1 - random.nextInt(5) : random.nextInt(maxDiesPerBin));
                        }
                        String product = random.nextInt(15) == 0 ? "UNKNOWN" : "TFA-1";
                        String lot = "LOT-" + random.nextInt(400);
                        event = "wafer-out " + lot + " " + product + " " + dies;
                        inv.recordWaferOut(lot, product, dies, eventTime(random, now));
                    }
                    case 2, 3 -> {
                        String sku = switch (random.nextInt(6)) {
                            case 0 -> null;
                            case 1 -> "NOPE";
                            default -> SKUS[random.nextInt(SKUS.length)];
                        };
                        int count = random.nextInt(12) == 0 ? -random.nextInt(3) : 1 + random.nextInt(300);
                        String request = "req-" + random.nextInt(300);
                        event = "request " + request + " " + count + " of " + sku;
                        inv.requestCapacity(request, count, sku, random.nextInt(4), eventTime(random, now));
                    }
                    case 4, 5 -> {
                        now = now.plus(Duration.ofMinutes(random.nextInt(6 * 60)));
                        Instant tickAt = random.nextInt(10) == 0 ? now.minus(Duration.ofHours(3)) : now;
                        event = "tick " + tickAt;
                        for (RackInstall install : inv.advanceTo(tickAt).installs()) {
                            installed.addAll(install.acceleratorIds());
                            install.acceleratorIds().forEach(id -> rackOf.put(id, install.rackId()));
                        }
                    }
                    case 6 -> {
                        String id = pick(random, installed);
                        String rack = random.nextInt(8) == 0
                                ? "rack-" + random.nextInt(30)
                                : rackOf.getOrDefault(id, "rack-00001");
                        boolean failed = random.nextInt(4) != 0;
                        event = "health " + id + " in " + rack + (failed ? " failed" : " healthy");
                        inv.reportHealth(id, rack, failed, "XID " + random.nextInt(100), eventTime(random, now));
                    }
                    case 7 -> {
                        String id = pick(random, installed);
                        event = "return " + id;
                        inv.returnFailed(id, now);
                    }
                    default -> {
                        String id = pick(random, installed);
                        event = "scrap " + id;
                        inv.scrapFailed(id, now);
                    }
                }
            } catch (ModelRejection rejection) {
                rejected++;
                assertThat(inv.state())
                        .as(
                                "seed %d step %d: rejected %s (%s) changed the state",
                                seed, step, event, rejection.getMessage())
                        .isEqualTo(before);
            }
            assertInvariants(inv, "seed " + seed + " step " + step + " after " + event);
        }
        assertThat(rejected)
                .as("seed %d: the sequence exercised rejections", seed)
                .isPositive();
        assertThat(installed)
                .as("seed %d: the sequence exercised installs", seed)
                .isNotEmpty();
    }

    private static Instant eventTime(Random random, Instant now) {
        // events arrive late, on time or a little ahead of the twin's clock
        return now.plus(Duration.ofMinutes(random.nextInt(240) - 180));
    }

    private static String pick(Random random, List<String> installed) {
        if (installed.isEmpty() || random.nextInt(10) == 0) {
            return "TFA-1-bin" + (1 + random.nextInt(3)) + "-" + String.format("%08d", random.nextInt(100_000));
        }
        return installed.get(random.nextInt(installed.size()));
    }

    static void assertInvariants(ChipInventory inv, String where) {
        InventoryState state = inv.state();
        // per SKU: produced = in stock + reserved + installed + failed + returned + scrapped
        state.counts()
                .forEach((sku, counts) -> assertThat(counts.conserved())
                        .as("%s: conservation of %s %s", where, sku, counts)
                        .isTrue());
        // per batch, and the tracked batches and the untracked aggregate add up to their SKU
        Map<String, ChipCounts> fromBatches = new TreeMap<>(state.untracked());
        for (ChipBatch batch : state.batches()) {
            assertThat(batch.counts().conserved())
                    .as("%s: conservation of batch %s", where, batch)
                    .isTrue();
            fromBatches.merge(batch.sku(), batch.counts(), ChipCounts::plus);
        }
        state.untracked()
                .forEach((sku, counts) -> assertThat(counts.conserved())
                        .as("%s: conservation of untracked %s", where, sku)
                        .isTrue());
        state.counts()
                .forEach((sku, counts) -> assertThat(fromBatches.getOrDefault(sku, ChipCounts.NONE))
                        .as("%s: batches of %s add up to the SKU", where, sku)
                        .isEqualTo(counts));
        // the lineage window holds
        long trackedLots =
                state.batches().stream().map(ChipBatch::lotId).distinct().count();
        assertThat(trackedLots)
                .as("%s: lots tracked", where)
                .isLessThanOrEqualTo(inv.settings().lineageLots());
        // every reserved chip is held by exactly one reservation
        Map<String, Long> reservedBySku = new TreeMap<>();
        Map<String, Long> openByRequest = new TreeMap<>();
        for (Reservation r : state.reservations()) {
            assertThat(r.chips()).as("%s: empty reservation %s", where, r).isPositive();
            reservedBySku.merge(r.sku(), r.chips(), Long::sum);
            openByRequest.merge(r.requestId(), r.chips(), Long::sum);
        }
        state.counts()
                .forEach((sku, counts) -> assertThat(reservedBySku.getOrDefault(sku, 0L))
                        .as("%s: reservations of %s", where, sku)
                        .isEqualTo(counts.reserved()));
        // every requested accelerator is backordered, given up, reserved, installed or expired
        for (CapacityRequest r : state.requests()) {
            assertThat(r.backordered() + r.backorderCancelled() + r.reservedTotal())
                    .as("%s: request %s", where, r)
                    .isEqualTo(r.requested());
            assertThat(openByRequest.getOrDefault(r.requestId(), 0L) + r.installed() + r.expired())
                    .as("%s: reserved part of request %s", where, r)
                    .isEqualTo(r.reservedTotal());
        }
        // racks never overflow and hold every accelerator ever installed, once
        long inRacks = 0;
        for (Rack rack : state.racks()) {
            assertThat(rack.used()).as("%s: rack %s", where, rack.rackId()).isBetween(1, rack.capacity());
            inRacks += rack.used();
        }
        long everInstalled = state.counts().values().stream()
                .mapToLong(c -> c.installed() + c.failed() + c.returned() + c.scrapped())
                .sum();
        assertThat(inRacks).as("%s: accelerators in racks", where).isEqualTo(everInstalled);
        // a backorder waits only while no stock could serve it
        for (CapacityRequest r : inv.requests().backorders()) {
            long servable = r.sku() == null
                    ? state.counts().values().stream()
                            .mapToLong(ChipCounts::inStock)
                            .sum()
                    : state.counts().get(r.sku()).inStock();
            assertThat(servable)
                    .as("%s: request %s waits while stock could serve it", where, r.requestId())
                    .isZero();
        }
    }
}
