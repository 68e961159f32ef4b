package io.terafab.chip.domain;

import static io.terafab.chip.domain.ChipState.IN_STOCK;
import static io.terafab.chip.domain.ChipState.RESERVED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a {@link ChipInventory}'s chips came from: the lots recorded, each lot's batches (one per
 * SKU) with their chips in every state, and the stock each SKU issues from, oldest tracked batch
 * first. Lineage is kept lot by lot for the newest {@code lineageLots} lots; older lots' batches
 * are folded into one untracked aggregate per SKU, so memory and snapshots stay bounded.
 */
public final class ChipLineage {

    private final int lineageLots;
    private final Set<String> lots = new LinkedHashSet<>();
    private final Map<String, ChipBatch> batches = new LinkedHashMap<>();
    private final Map<String, ChipCounts> untrackedBySku = new TreeMap<>();
    private long nextBatchSequence;
    // indexes, rebuilt on restore
    /** Tracked lots, oldest first, and their batches. */
    private final LinkedHashMap<String, List<String>> batchesByLot = new LinkedHashMap<>();

    private final Map<String, TreeMap<Long, String>> stockBySku = new HashMap<>();

    ChipLineage(Collection<String> skus, int lineageLots) {
        this.lineageLots = lineageLots;
        for (String sku : skus) {
            untrackedBySku.put(sku, ChipCounts.NONE);
            stockBySku.put(sku, new TreeMap<>());
        }
    }

    /** Adds the batch of one SKU of a lot, its tested chips in stock; returns the batch id. */
    String addBatch(String lotId, String sku, long goodDies, long packaged, long tested, Instant now) {
        ChipBatch batch = new ChipBatch(
                ChipBatch.idOf(lotId, sku),
                lotId,
                sku,
                nextBatchSequence++,
                goodDies,
                packaged,
                now,
                ChipCounts.NONE.plusProduced(tested));
        put(batch);
        return batch.batchId();
    }

    /** Marks a lot recorded with its batches, then folds the oldest lots beyond the lineage window. */
    void lotRecorded(String lotId, List<String> batchIds) {
        lots.add(lotId);
        if (!batchIds.isEmpty()) {
            batchesByLot.put(lotId, List.copyOf(batchIds));
        }
        foldBeyondWindow();
    }

    /** Takes chips of a SKU out of stock into RESERVED, oldest tracked batch first, untracked stock last. */
    List<BatchShare> takeFromStock(String sku, long chips) {
        List<BatchShare> shares = new ArrayList<>();
        long left = chips;
        for (String batchId : stockBySku.get(sku).values()) {
            if (left == 0) {
                break;
            }
            ChipBatch batch = batches.get(batchId);
            long take = Math.min(left, batch.counts().inStock());
            shares.add(new BatchShare(batchId, batch.lotId(), take));
            left -= take;
        }
        if (left > 0) { // the tracked batches ran out: aged, untracked stock
            shares.add(new BatchShare(ChipBatch.untrackedId(sku), ChipBatch.UNTRACKED_LOT, left));
        }
        for (BatchShare share : shares) {
            move(share.batchId(), sku, IN_STOCK, RESERVED, share.chips());
        }
        return shares;
    }

    /** Moves chips of a tracked batch, or of the SKU's untracked aggregate once the batch was folded. */
    void move(String batchId, String sku, ChipState from, ChipState to, long chips) {
        ChipBatch batch = batches.get(batchId);
        if (batch != null) {
            put(batch.withCounts(batch.counts().moved(from, to, chips)));
        } else {
            untrackedBySku.put(sku, untrackedBySku.get(sku).moved(from, to, chips));
        }
    }

    /**
     * Folds the oldest lots beyond the lineage window into the untracked aggregates. Chips of a
     * folded batch that are reserved keep their lot in the reservation, so their rack still knows it.
     */
    private void foldBeyondWindow() {
        var oldest = batchesByLot.entrySet().iterator();
        while (batchesByLot.size() > lineageLots) {
            for (String batchId : oldest.next().getValue()) {
                ChipBatch batch = batches.get(batchId);
                untrackedBySku.put(batch.sku(), untrackedBySku.get(batch.sku()).plus(batch.counts()));
                batches.remove(batch.batchId());
                stockBySku.get(batch.sku()).remove(batch.sequence());
            }
            oldest.remove();
        }
    }

    private void put(ChipBatch batch) {
        batches.put(batch.batchId(), batch);
        TreeMap<Long, String> stock = stockBySku.get(batch.sku());
        if (batch.counts().inStock() > 0) {
            stock.put(batch.sequence(), batch.batchId());
        } else {
            stock.remove(batch.sequence());
        }
    }

    // ---- queries

    public long lotsRecorded() {
        return lots.size();
    }

    public boolean isLotRecorded(String lotId) {
        return lots.contains(lotId);
    }

    /** Whether a lot's batches are still tracked one by one (false once folded out of the lineage window). */
    public boolean isLotTracked(String lotId) {
        return batchesByLot.containsKey(lotId);
    }

    /** Per SKU, the chips of batches folded out of the lineage window, in every state. */
    public Map<String, ChipCounts> untrackedBySku() {
        return Collections.unmodifiableMap(untrackedBySku);
    }

    public List<ChipBatch> batchesOfLot(String lotId) {
        return batchesByLot.getOrDefault(lotId, List.of()).stream()
                .map(batches::get)
                .toList();
    }

    public Optional<ChipBatch> batch(String batchId) {
        return Optional.ofNullable(batches.get(batchId));
    }

    /** Chips a lot made, per SKU; empty if the lot is unknown or was folded out of the lineage window. */
    public Map<String, Long> chipsOfLot(String lotId) {
        Map<String, Long> chips = new TreeMap<>();
        batchesOfLot(lotId).forEach(b -> chips.put(b.sku(), b.counts().produced()));
        return chips;
    }

    // ---- snapshots

    List<String> lotsState() {
        return List.copyOf(lots);
    }

    List<ChipBatch> batchesState() {
        return List.copyOf(batches.values());
    }

    Map<String, ChipCounts> untrackedState() {
        return new TreeMap<>(untrackedBySku);
    }

    long nextBatchSequence() {
        return nextBatchSequence;
    }

    /** Replaces the lineage by a saved one; the indexes are rebuilt from it. */
    void restore(
            List<String> savedLots,
            List<ChipBatch> savedBatches,
            Map<String, ChipCounts> untracked,
            long nextSequence) {
        lots.clear();
        batches.clear();
        batchesByLot.clear();
        stockBySku.values().forEach(Map::clear);
        untrackedBySku.replaceAll((sku, counts) -> ChipCounts.NONE);
        lots.addAll(savedLots);
        Map<String, List<String>> byLot = new LinkedHashMap<>(); // batches come oldest first, so lots do too
        for (ChipBatch batch : savedBatches) {
            put(batch);
            byLot.computeIfAbsent(batch.lotId(), k -> new ArrayList<>()).add(batch.batchId());
        }
        byLot.forEach((lot, ids) -> batchesByLot.put(lot, List.copyOf(ids)));
        untrackedBySku.putAll(untracked);
        nextBatchSequence = nextSequence;
    }
}
