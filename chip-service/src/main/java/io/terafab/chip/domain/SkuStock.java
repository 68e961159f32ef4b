package io.terafab.chip.domain;

/**
 * Counts of one SKU. Invariant: {@code produced == inStock + installed}.
 */
public final class SkuStock {

    private long produced;
    private long inStock;
    private long installed;

    public long produced() {
        return produced;
    }

    public long inStock() {
        return inStock;
    }

    public long installed() {
        return installed;
    }

    void produce(long chips) {
        produced += chips;
        inStock += chips;
    }

    void install(long chips) {
        if (chips > inStock) {
            throw new IllegalStateException("cannot install " + chips + " chips, " + inStock + " in stock");
        }
        inStock -= chips;
        installed += chips;
    }

    public boolean conserved() {
        return produced == inStock + installed && inStock >= 0 && installed >= 0;
    }

    // for snapshots
    public SkuStockState state() {
        return new SkuStockState(produced, inStock, installed);
    }

    static SkuStock of(SkuStockState state) {
        SkuStock s = new SkuStock();
        s.produced = state.produced();
        s.inStock = state.inStock();
        s.installed = state.installed();
        return s;
    }

    public record SkuStockState(long produced, long inStock, long installed) {
    }
}
