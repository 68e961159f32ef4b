package io.terafab.chip.domain;

/**
 * Where a chip is in its life on the campus. A chip moves only along the arrows below; any other
 * move is refused, which is what keeps the per-SKU count honest.
 *
 * <pre>
 * IN_STOCK → RESERVED → INSTALLED → FAILED → RETURNED
 *    ↑__________|                      └───→ SCRAPPED
 * </pre>
 * A reservation that expires puts its chips back in stock; RETURNED (sent back to the supplier)
 * and SCRAPPED are final.
 */
public enum ChipState {
    IN_STOCK,
    RESERVED,
    INSTALLED,
    FAILED,
    RETURNED,
    SCRAPPED;

    public boolean canBecome(ChipState next) {
        return switch (this) {
            case IN_STOCK -> next == RESERVED;
            case RESERVED -> next == IN_STOCK || next == INSTALLED;
            case INSTALLED -> next == FAILED;
            case FAILED -> next == RETURNED || next == SCRAPPED;
            case RETURNED, SCRAPPED -> false;
        };
    }
}
