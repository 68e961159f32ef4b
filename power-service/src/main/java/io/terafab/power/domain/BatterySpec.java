package io.terafab.power.domain;

/**
 * A battery energy storage system. Powers are at the campus bus; the round-trip losses are split
 * evenly between charging and discharging ({@code sqrt} of the round-trip efficiency each way).
 *
 * @param id the asset id ({@code bess-1}, ...)
 * @param energyMwh capacity
 * @param chargeMw the most it takes in
 * @param dischargeMw the most it gives out
 * @param roundTripEfficiency energy out per energy in over a full cycle, in (0, 1]
 * @param socMin the lowest state of charge it is run to, a fraction of capacity
 * @param socMax the highest state of charge it is run to, a fraction of capacity
 * @param initialSoc its state of charge when the campus starts
 */
public record BatterySpec(
        String id,
        double energyMwh,
        double chargeMw,
        double dischargeMw,
        double roundTripEfficiency,
        double socMin,
        double socMax,
        double initialSoc) {

    public BatterySpec {
        Figures.requireId(id, "battery");
        Figures.requirePositive(energyMwh, id + " energy");
        Figures.requireNonNegative(chargeMw, id + " charge limit");
        Figures.requireNonNegative(dischargeMw, id + " discharge limit");
        if (!(roundTripEfficiency > 0 && roundTripEfficiency <= 1)) {
            throw new IllegalArgumentException(
                    id + " round-trip efficiency must be in (0, 1], was " + roundTripEfficiency);
        }
        Figures.requireFraction(socMin, id + " minimum state of charge");
        Figures.requireFraction(socMax, id + " maximum state of charge");
        if (socMin > socMax) {
            throw new IllegalArgumentException(id + " state-of-charge bounds are reversed: " + socMin + " > " + socMax);
        }
        if (initialSoc < socMin || initialSoc > socMax) {
            throw new IllegalArgumentException(
                    id + " initial state of charge " + initialSoc + " is outside [" + socMin + ", " + socMax + "]");
        }
    }

    /** Stored energy per energy taken in. */
    public double chargeEfficiency() {
        return Math.sqrt(roundTripEfficiency);
    }

    /** Energy given out per stored energy. */
    public double dischargeEfficiency() {
        return Math.sqrt(roundTripEfficiency);
    }

    public double minEnergyMwh() {
        return socMin * energyMwh;
    }

    public double maxEnergyMwh() {
        return socMax * energyMwh;
    }
}
