package io.terafab.power.domain;

/** A grid change the model refuses; nothing was changed. */
public class GridRejection extends RuntimeException {

    /** Why: the same kinds an inbound event can be rejected for. */
    public enum Kind { UNKNOWN_ENTITY, NOT_ALLOWED, INVALID, OUT_OF_ORDER }

    private final Kind kind;

    public GridRejection(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static GridRejection invalid(String message) {
        return new GridRejection(Kind.INVALID, message);
    }

    static GridRejection outOfOrder(String message) {
        return new GridRejection(Kind.OUT_OF_ORDER, message);
    }
}
