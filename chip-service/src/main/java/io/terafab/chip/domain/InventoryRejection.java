package io.terafab.chip.domain;

/** An inventory change the model refuses; nothing was changed. */
public class InventoryRejection extends RuntimeException {

    public enum Kind { UNKNOWN_ENTITY, NOT_ALLOWED, INVALID, OUT_OF_ORDER }

    private final Kind kind;

    public InventoryRejection(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static InventoryRejection unknown(String message) {
        return new InventoryRejection(Kind.UNKNOWN_ENTITY, message);
    }

    static InventoryRejection notAllowed(String message) {
        return new InventoryRejection(Kind.NOT_ALLOWED, message);
    }

    static InventoryRejection invalid(String message) {
        return new InventoryRejection(Kind.INVALID, message);
    }

    static InventoryRejection outOfOrder(String message) {
        return new InventoryRejection(Kind.OUT_OF_ORDER, message);
    }
}
