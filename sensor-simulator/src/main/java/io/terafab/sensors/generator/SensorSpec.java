package io.terafab.sensors.generator;

/**
 * One quantity a tool reports, with the limits it must stay within and how much it wanders.
 * Everyday readings are {@code nominal} plus Gaussian noise of {@code sigma} cut at
 * {@link #MAX_SIGMAS}, so they never cross a limit (each at least five sigmas away); an excursion
 * is a reading outside the limits.
 */
public record SensorSpec(String quantity, double nominal, double sigma, double min, double max) {

    /** Noise is cut here: four sigmas, while every limit is at least five away. */
    static final double MAX_SIGMAS = 4;

    public SensorSpec {
        if (!(sigma > 0) || !(max > min) || nominal - 5 * sigma < min || nominal + 5 * sigma > max) {
            throw new IllegalArgumentException("sensor " + quantity + ": limits [" + min + ", " + max
                    + "] must lie at least 5 sigmas (" + sigma + ") from the nominal " + nominal);
        }
    }

    /** An everyday reading: within the limits. */
    double reading(double standardNormal) {
        double z = Math.max(-MAX_SIGMAS, Math.min(MAX_SIGMAS, standardNormal));
        return nominal + z * sigma;
    }

    /** A reading past the upper limit by 10 to 40 % of the window: an excursion that takes the tool down. */
    double excursion(double uniform) {
        return max + (0.1 + 0.3 * uniform) * (max - min);
    }
}
