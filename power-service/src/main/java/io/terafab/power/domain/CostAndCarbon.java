package io.terafab.power.domain;

/**
 * A running total of cost and emissions (what the sources generated, what meter readings added to
 * what the batteries hold).
 *
 * @param costUsd US dollars
 * @param carbonTonnes tonnes of CO2e
 */
public record CostAndCarbon(double costUsd, double carbonTonnes) {

    public static final CostAndCarbon ZERO = new CostAndCarbon(0, 0);

    public CostAndCarbon plus(double costUsd, double carbonTonnes) {
        return new CostAndCarbon(this.costUsd + costUsd, this.carbonTonnes + carbonTonnes);
    }
}
