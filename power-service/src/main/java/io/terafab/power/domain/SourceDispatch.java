package io.terafab.power.domain;

/**
 * One source at a dispatch.
 *
 * @param id the asset
 * @param kind what it is
 * @param availableMw the most it could deliver (import limit, capacity within its ramp, the sun or a meter)
 * @param outputMw what it delivers
 * @param costPerMwh its marginal cost at this dispatch, US$/MWh
 * @param carbonTonnesPerMwh its emissions at this dispatch, t CO2/MWh
 * @param breakerOpen whether a meter reported its breaker open
 * @param measured whether its availability comes from a meter reading rather than the model
 */
public record SourceDispatch(
        String id,
        SourceKind kind,
        double availableMw,
        double outputMw,
        double costPerMwh,
        double carbonTonnesPerMwh,
        boolean breakerOpen,
        boolean measured) {

    /** Available output not used; for solar, what is spilled. */
    public double spareMw() {
        return Math.max(0, availableMw - outputMw);
    }
}
