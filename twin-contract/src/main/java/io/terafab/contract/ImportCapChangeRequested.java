package io.terafab.contract;

/**
 * An operator sets what the utility connection may import (on {@code power.commands}, from
 * power-service's {@code PUT /grid/import-cap}); the budgets follow at the next tick. A meter
 * reading of the grid's import limit may change it again later.
 *
 * @param capMw the import cap, MW, finite and {@code >= 0}
 * @param requestedBy who asked: the operator's token name
 */
public record ImportCapChangeRequested(double capMw, String requestedBy) {

    public ImportCapChangeRequested {
        Require.nonNegative(capMw, "capMw");
        Require.text(requestedBy, "requestedBy");
    }
}
