package io.terafab.contract;

/**
 * An operator sets what the utility connection may import (on {@code power.commands}, from
 * power-service's {@code PUT /grid/import-cap}); the budgets follow at the next tick. A meter
 * reading of the grid's import limit may change it again later. A site other than the grid's own
 * is refused as {@code unknown-entity}.
 *
 * @param site the campus whose grid connection it is (Kafka key, so one site's commands stay in order)
 * @param capMw the import cap, MW, finite and {@code >= 0}
 * @param requestedBy who asked: the operator's token name
 */
public record ImportCapChangeRequested(String site, double capMw, String requestedBy) {

    public ImportCapChangeRequested {
        Require.text(site, "site");
        Require.nonNegative(capMw, "capMw");
        Require.text(requestedBy, "requestedBy");
    }
}
