package io.terafab.contract;

/**
 * The grid's consumers: the key of their draw reports ({@code fab.power-draw}, {@code dc.power-draw})
 * and of their budgets ({@code power.budget}). One definition, so the fab, the data center and the
 * grid cannot disagree on a name.
 */
public final class PowerConsumers {

    /** The fab: fab-service reports its draw and obeys its budget. */
    public static final String FAB = "fab";
    /** The data center: scheduler-service reports its draw and obeys its budget. */
    public static final String DC = "dc";

    private PowerConsumers() {}

    /**
     * Whether a {@code power.budget} payload, by its {@code consumer} field (null when missing or
     * not text), is another consumer's. The topic carries every
     * consumer's budgets: another consumer's is acknowledged and left alone, not validated, since
     * whether it is valid is that consumer's call. One naming no readable consumer is validated as
     * the reader's own (and refused).
     */
    public static boolean isAnotherConsumers(String consumer, String reader) {
        return consumer != null && !consumer.isBlank() && !reader.equals(consumer);
    }
}
