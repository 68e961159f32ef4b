package io.terafab.chip.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chips per SKU from the fab's good dies to accelerators installed in racks.
 *
 * <p>Every method either applies completely or throws {@link InventoryRejection} having changed
 * nothing: checks come first, changes after. Per SKU, produced = in stock + installed at every
 * moment; each lot's chips are remembered (lineage), and each install names its rack.
 */
public final class ChipInventory {

    private final SkuCatalog catalog;
    private final double assemblyYield;
    private final int rackSize;

    private final Map<String, SkuStock> stock = new TreeMap<>();
    private final Map<String, Map<String, Long>> chipsByLot = new TreeMap<>();
    private final Map<String, Long> installedByRequest = new TreeMap<>();
    private long lotsRecorded;
    private long nextSerial = 1;
    private int rackCount;
    private int freeSlotsInRack;

    /**
     * @param assemblyYield share of good dies that pass packaging and final test
     * @param rackSize accelerators per rack
     */
    public ChipInventory(SkuCatalog catalog, double assemblyYield, int rackSize) {
        if (!(assemblyYield > 0 && assemblyYield <= 1)) {
            throw new IllegalArgumentException("assembly yield must be in (0, 1], was " + assemblyYield);
        }
        if (rackSize < 1) {
            throw new IllegalArgumentException("rack size must be at least 1, was " + rackSize);
        }
        this.catalog = catalog;
        this.assemblyYield = assemblyYield;
        this.rackSize = rackSize;
        catalog.skus().forEach(sku -> stock.put(sku, new SkuStock()));
    }

    /** A finished lot's good dies become chips of the SKU of their bin. Returns chips made per SKU. */
    public Map<String, Long> recordWaferOut(String lotId, String product, Map<String, Integer> goodDiesByBin) {
        if (chipsByLot.containsKey(lotId)) {
            throw new InventoryRejection(InventoryRejection.Kind.NOT_ALLOWED, "lot " + lotId + " was already recorded");
        }
        Map<String, Long> chips = new LinkedHashMap<>();
        goodDiesByBin.forEach((bin, dies) -> {
            if (dies < 0) {
                throw new InventoryRejection(InventoryRejection.Kind.INVALID, "negative die count for bin " + bin);
            }
            chips.merge(catalog.skuOf(product, bin), (long) Math.floor(dies * assemblyYield), Long::sum);
        });
        chips.forEach((sku, n) -> stock.get(sku).produce(n));
        chipsByLot.put(lotId, chips);
        lotsRecorded++;
        return chips;
    }

    /**
     * Installs up to {@code count} accelerators for a request, from the named SKU or else from the
     * SKU with most stock, filling racks in order. Returns one install per rack touched; empty
     * when there is no stock.
     */
    public List<RackInstall> install(String requestId, int count, String skuOrAny) {
        if (count <= 0) {
            throw new InventoryRejection(InventoryRejection.Kind.INVALID, "count must be > 0, was " + count);
        }
        if (installedByRequest.containsKey(requestId)) {
            throw new InventoryRejection(InventoryRejection.Kind.NOT_ALLOWED, "request " + requestId + " was already answered");
        }
        if (skuOrAny != null && !stock.containsKey(skuOrAny)) {
            throw new InventoryRejection(InventoryRejection.Kind.UNKNOWN_ENTITY, "unknown SKU " + skuOrAny);
        }
        String sku = skuOrAny != null ? skuOrAny
                : stock.entrySet().stream().max(Comparator.comparingLong(e -> e.getValue().inStock())).orElseThrow().getKey();
        int granted = (int) Math.min(count, stock.get(sku).inStock());
        installedByRequest.put(requestId, (long) granted);
        List<RackInstall> installs = new ArrayList<>();
        int left = granted;
        while (left > 0) {
            if (freeSlotsInRack == 0) {
                rackCount++;
                freeSlotsInRack = rackSize;
            }
            int here = Math.min(left, freeSlotsInRack);
            List<String> ids = new ArrayList<>(here);
            for (int i = 0; i < here; i++) {
                ids.add(String.format("%s-%08d", sku, nextSerial++));
            }
            stock.get(sku).install(here);
            freeSlotsInRack -= here;
            left -= here;
            installs.add(new RackInstall(requestId, sku, rackId(rackCount), ids));
        }
        return installs;
    }

    private static String rackId(int n) {
        return String.format("rack-%05d", n);
    }

    public Map<String, SkuStock> stockBySku() {
        return java.util.Collections.unmodifiableMap(stock);
    }

    public Map<String, Long> chipsOfLot(String lotId) {
        return chipsByLot.getOrDefault(lotId, Map.of());
    }

    public long lotsRecorded() {
        return lotsRecorded;
    }

    public int racks() {
        return rackCount;
    }

    public boolean conserved() {
        return stock.values().stream().allMatch(SkuStock::conserved);
    }

    public InventoryState state() {
        Map<String, SkuStock.SkuStockState> s = new TreeMap<>();
        stock.forEach((k, v) -> s.put(k, v.state()));
        return new InventoryState(s, new TreeMap<>(chipsByLot), new TreeMap<>(installedByRequest), lotsRecorded,
                nextSerial, rackCount, freeSlotsInRack);
    }

    public void restore(InventoryState state) {
        stock.clear();
        catalog.skus().forEach(sku -> stock.put(sku, new SkuStock()));
        state.stock().forEach((k, v) -> stock.put(k, SkuStock.of(v)));
        chipsByLot.clear();
        chipsByLot.putAll(state.chipsByLot());
        installedByRequest.clear();
        installedByRequest.putAll(state.installedByRequest());
        lotsRecorded = state.lotsRecorded();
        nextSerial = state.nextSerial();
        rackCount = state.rackCount();
        freeSlotsInRack = state.freeSlotsInRack();
    }

    /** Everything needed to resume, as plain data for snapshots. */
    public record InventoryState(Map<String, SkuStock.SkuStockState> stock, Map<String, Map<String, Long>> chipsByLot,
            Map<String, Long> installedByRequest, long lotsRecorded, long nextSerial, int rackCount,
            int freeSlotsInRack) {
    }
}
