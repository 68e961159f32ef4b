package io.terafab.scheduler.domain;

/** A cluster change the model refuses; nothing was changed. */
public class ClusterRejection extends RuntimeException {

    /** Why: the adapters map each kind to a dead-letter reason or an HTTP status. */
    public enum Kind { INVALID, UNKNOWN, NOT_ALLOWED, OUT_OF_ORDER }

    private final Kind kind;

    public ClusterRejection(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static ClusterRejection invalid(String message) {
        return new ClusterRejection(Kind.INVALID, message);
    }

    static ClusterRejection unknown(String message) {
        return new ClusterRejection(Kind.UNKNOWN, message);
    }

    static ClusterRejection notAllowed(String message) {
        return new ClusterRejection(Kind.NOT_ALLOWED, message);
    }

    static ClusterRejection outOfOrder(String message) {
        return new ClusterRejection(Kind.OUT_OF_ORDER, message);
    }
}
