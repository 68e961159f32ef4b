package io.terafab.power.domain;

/**
 * What a source can do at one dispatch.
 *
 * @param id the asset
 * @param kind what it is
 * @param floorMw the least it may deliver if it delivers anything: a gas turbine's minimum stable load,
 *     or its ramp-down limit while running; 0 for the grid and solar
 * @param availableMw the most it may deliver: import limit, capacity within the ramp, the sun; 0 when its breaker is open
 * @param costPerMwh marginal cost, US$/MWh
 * @param carbonTonnesPerMwh emissions, t CO2/MWh
 * @param running whether it was delivering at the previous dispatch (a gas turbine that is on)
 */
public record SourceOffer(
        String id,
        SourceKind kind,
        double floorMw,
        double availableMw,
        double costPerMwh,
        double carbonTonnesPerMwh,
        boolean running) {

    /** Whether its spare capacity may charge batteries: the grid and solar always, a turbine only while it runs. */
    boolean mayCharge() {
        return kind != SourceKind.GAS || running;
    }
}
