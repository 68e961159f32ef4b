package io.terafab.platform.model;

import java.util.Objects;

/**
 * A model's refusal of a change, thrown before the model changed anything ("validate first, then
 * mutate"). Every domain throws this one type with one of its four kinds; the platform maps a kind
 * once to a dead-letter reason (inbound events) and once to an HTTP status (REST), so a refusal
 * reads the same whichever way the change came in.
 *
 * <p>Plain Java on purpose: domain packages import no framework, and this is the one platform type
 * they may use.
 */
public class ModelRejection extends RuntimeException {

    /** Why the model refused. */
    public enum Kind {
        /** The change names an entity the model does not know (a tool, SKU, accelerator, job, asset). */
        UNKNOWN_ENTITY,
        /** The model knows the entity, but the change is not allowed in its current state. */
        NOT_ALLOWED,
        /** A value is out of range or inconsistent with the rest of the change. */
        INVALID,
        /** The change is older than one already applied to the same entity: applying it would rewind the model. */
        OUT_OF_ORDER
    }

    private final Kind kind;

    public ModelRejection(Kind kind, String detail) {
        super(detail, null, false, false); // refusals are expected: no stack trace to fill per event
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    public static ModelRejection unknown(String detail) {
        return new ModelRejection(Kind.UNKNOWN_ENTITY, detail);
    }

    public static ModelRejection notAllowed(String detail) {
        return new ModelRejection(Kind.NOT_ALLOWED, detail);
    }

    public static ModelRejection invalid(String detail) {
        return new ModelRejection(Kind.INVALID, detail);
    }

    public static ModelRejection outOfOrder(String detail) {
        return new ModelRejection(Kind.OUT_OF_ORDER, detail);
    }
}
