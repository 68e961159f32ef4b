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

    private PowerConsumers() {
    }
}
