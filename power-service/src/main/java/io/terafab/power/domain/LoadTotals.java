package io.terafab.power.domain;

/**
 * What one load was served since the start, so energy per wafer or per job can be derived downstream.
 *
 * @param energyMwh energy served
 * @param costUsd its cost: the generation mix it came from, batteries passing on what their energy cost
 * @param carbonTonnes its emissions, likewise
 */
public record LoadTotals(double energyMwh, double costUsd, double carbonTonnes) {

    public static final LoadTotals ZERO = new LoadTotals(0, 0, 0);

    LoadTotals plus(double energyMwh, double costUsd, double carbonTonnes) {
        return new LoadTotals(this.energyMwh + energyMwh, this.costUsd + costUsd, this.carbonTonnes + carbonTonnes);
    }
}
