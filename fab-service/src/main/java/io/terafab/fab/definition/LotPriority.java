package io.terafab.fab.definition;

/** Lot classes, in increasing urgency; SMT2020 gives them priorities 10, 20 and 30. */
public enum LotPriority {
    REGULAR,
    HOT,
    SUPER_HOT;

    /** The key used in benchmark output: {@code regular}, {@code hot}, {@code superhot}. */
    public String key() {
        return name().toLowerCase().replace("_", "");
    }

    /** SMT2020's PRIOR column: 30 and above super-hot, 20 and above hot, else regular. */
    public static LotPriority ofSmt2020(int prior) {
        return prior >= 30 ? SUPER_HOT : prior >= 20 ? HOT : REGULAR;
    }
}
