package io.terafab.chip.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chips made (passed final test) and taken from stock per SKU over a trailing window of
 * simulated time: the production and usage rates an operator reads supply from.
 */
final class SupplyRates {

    private final Map<String, HourlyTally> producedBySku = new TreeMap<>();
    private final Map<String, HourlyTally> reservedBySku = new TreeMap<>();
    private final Duration window;

    SupplyRates(Collection<String> skus, Duration window) {
        this.window = window;
        for (String sku : skus) {
            producedBySku.put(sku, new HourlyTally());
            reservedBySku.put(sku, new HourlyTally());
        }
    }

    void produced(String sku, Instant at, long chips) {
        producedBySku.get(sku).add(at, chips);
    }

    void reserved(String sku, Instant at, long chips) {
        reservedBySku.get(sku).add(at, chips);
    }

    /** Forgets hours that left the window. */
    void prune(Instant now) {
        producedBySku.values().forEach(t -> t.prune(now, window));
        reservedBySku.values().forEach(t -> t.prune(now, window));
    }

    double productionPerSecond(String sku, Instant now) {
        return producedBySku.get(sku).perSecond(now, window);
    }

    double usagePerSecond(String sku, Instant now) {
        return reservedBySku.get(sku).perSecond(now, window);
    }

    Map<String, Map<Long, Long>> producedState() {
        return state(producedBySku);
    }

    Map<String, Map<Long, Long>> reservedState() {
        return state(reservedBySku);
    }

    void restore(Map<String, Map<Long, Long>> produced, Map<String, Map<Long, Long>> reserved) {
        producedBySku.values().forEach(t -> t.restore(Map.of()));
        reservedBySku.values().forEach(t -> t.restore(Map.of()));
        produced.forEach((sku, hours) -> producedBySku.get(sku).restore(hours));
        reserved.forEach((sku, hours) -> reservedBySku.get(sku).restore(hours));
    }

    private static Map<String, Map<Long, Long>> state(Map<String, HourlyTally> tallies) {
        Map<String, Map<Long, Long>> state = new TreeMap<>();
        tallies.forEach((sku, tally) -> state.put(sku, tally.state()));
        return state;
    }
}
