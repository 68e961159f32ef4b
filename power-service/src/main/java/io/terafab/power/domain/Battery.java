package io.terafab.power.domain;

/**
 * A battery as it runs: its stored energy and what that energy cost and emitted when it was
 * charged, so that energy it later gives out carries its true cost and carbon to whoever is served
 * by it (stored energy the campus started with carries none).
 */
final class Battery {

    private final BatterySpec spec;
    private double energyMwh;
    private double storedCostUsd;
    private double storedCarbonTonnes;

    Battery(BatterySpec spec) {
        this.spec = spec;
        this.energyMwh = spec.initialSoc() * spec.energyMwh();
    }

    BatterySpec spec() {
        return spec;
    }

    double energyMwh() {
        return energyMwh;
    }

    double stateOfCharge() {
        return energyMwh / spec.energyMwh();
    }

    double storedCostUsd() {
        return storedCostUsd;
    }

    double storedCarbonTonnes() {
        return storedCarbonTonnes;
    }

    /**
     * What it can take or give over {@code intervalHours} without leaving its state-of-charge
     * bounds; over an interval of zero only the power limits apply (no energy moves).
     */
    BatteryOffer offer(double intervalHours, boolean breakerOpen) {
        if (breakerOpen) {
            return new BatteryOffer(spec.id(), 0, 0);
        }
        double charge = spec.chargeMw();
        double discharge = spec.dischargeMw();
        if (intervalHours > 0) {
            // a residue of floating-point rounding at a bound is no energy to move
            double room = spec.maxEnergyMwh() - energyMwh;
            double usable = energyMwh - spec.minEnergyMwh();
            room = room > Figures.EPSILON_MW ? room : 0;
            usable = usable > Figures.EPSILON_MW ? usable : 0;
            charge = Math.min(charge, room / (spec.chargeEfficiency() * intervalHours));
            discharge = Math.min(discharge, usable * spec.dischargeEfficiency() / intervalHours);
        }
        return new BatteryOffer(spec.id(), charge, discharge);
    }

    /**
     * Moves energy over the interval: {@code chargeMw} in at the given cost and carbon per MWh taken
     * in, {@code dischargeMw} out. Returns the cost and carbon leaving with the discharged energy.
     */
    StoredFlow run(
            double chargeMw, double dischargeMw, double intervalHours, double costPerMwhIn, double carbonPerMwhIn) {
        double removed = dischargeMw / spec.dischargeEfficiency() * intervalHours;
        double costOut = 0;
        double carbonOut = 0;
        if (removed > 0 && energyMwh > 0) {
            double share = Math.min(1, removed / energyMwh);
            costOut = storedCostUsd * share;
            carbonOut = storedCarbonTonnes * share;
        }
        storedCostUsd += chargeMw * intervalHours * costPerMwhIn - costOut;
        storedCarbonTonnes += chargeMw * intervalHours * carbonPerMwhIn - carbonOut;
        energyMwh = energyAfter(chargeMw, dischargeMw, intervalHours);
        return new StoredFlow(costOut, carbonOut);
    }

    /** The stored energy after charging and discharging over the interval. */
    double energyAfter(double chargeMw, double dischargeMw, double intervalHours) {
        double stored = chargeMw * spec.chargeEfficiency() * intervalHours;
        double removed = dischargeMw / spec.dischargeEfficiency() * intervalHours;
        // the offer kept the energy within its bounds; clamping only absorbs floating-point rounding
        return Math.max(spec.minEnergyMwh(), Math.min(spec.maxEnergyMwh(), energyMwh + stored - removed));
    }

    /** A meter's reading replaces the stored energy; what it cost scales with it. */
    void measure(double stateOfCharge) {
        double measured = stateOfCharge * spec.energyMwh();
        double scale = energyMwh > 0 ? measured / energyMwh : 0;
        storedCostUsd *= scale;
        storedCarbonTonnes *= scale;
        energyMwh = measured;
    }

    void restore(double energyMwh, double storedCostUsd, double storedCarbonTonnes) {
        this.energyMwh = Math.max(spec.minEnergyMwh(), Math.min(spec.maxEnergyMwh(), energyMwh));
        this.storedCostUsd = storedCostUsd;
        this.storedCarbonTonnes = storedCarbonTonnes;
    }

    /**
     * Cost and carbon that left a battery with its discharged energy.
     *
     * @param costUsd US$
     * @param carbonTonnes t CO2
     */
    record StoredFlow(double costUsd, double carbonTonnes) {}
}
