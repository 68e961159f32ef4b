package io.terafab.contract;

/**
 * The units of the twin. Events carry power in megawatts (MW) and energy in megawatt-hours; the
 * models compute in watts where a single tool or accelerator matters. Every conversion between the
 * two goes through here, so no layer carries a factor of its own.
 */
public final class Units {

    public static final double WATTS_PER_KILOWATT = 1e3;
    public static final double WATTS_PER_MEGAWATT = 1e6;

    private Units() {}

    public static double megawatts(double watts) {
        return watts / WATTS_PER_MEGAWATT;
    }

    public static double watts(double megawatts) {
        return megawatts * WATTS_PER_MEGAWATT;
    }

    /** A nullable figure in watts (e.g. "no budget") in megawatts, still null when absent. */
    public static Double megawattsOrNull(Double watts) {
        return watts == null ? null : megawatts(watts);
    }
}
