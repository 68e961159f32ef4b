package io.terafab.fab.definition;

/** How an idle tool picks its next lot from its group's queue. */
public enum DispatchRule {
    /** First come, first served. */
    FIFO,
    /**
     * Highest lot priority first (super-hot, hot, regular), then a lot that needs no setup change,
     * then first come: SMT2020's {@code rule_HotLotFIRST} with ranks HP, RSETUP, FIFO.
     */
    HOT_LOT_FIRST
}
