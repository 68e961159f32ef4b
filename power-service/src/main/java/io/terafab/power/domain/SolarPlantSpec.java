package io.terafab.power.domain;

/**
 * A solar plant.
 *
 * @param id the asset id ({@code solar-1}, ...)
 * @param nameplateMw its output with the sun overhead and no cloud; a meter reading above it is out of range
 */
public record SolarPlantSpec(String id, double nameplateMw) {

    public SolarPlantSpec {
        Figures.requireId(id, "solar plant");
        Figures.requireNonNegative(nameplateMw, id + " nameplate");
    }
}
