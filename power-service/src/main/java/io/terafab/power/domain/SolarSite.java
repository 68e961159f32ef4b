package io.terafab.power.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * The sun over the campus: the share of nameplate a clear sky gives at an instant, from the sun's
 * elevation at the site's latitude and longitude (declination by day of year, hour angle by local
 * solar time; the equation of time and atmospheric losses are left out, both a few percent), times
 * a cloud factor drawn once per local day and plant from the seed, so a campus replays the same
 * weather.
 *
 * @param latitudeDeg degrees north
 * @param longitudeDeg degrees east (west is negative)
 * @param cloudFactorMin the cloudiest day's share of clear-sky output; the factor is uniform in [this, 1]
 * @param seed the weather's seed
 */
public record SolarSite(double latitudeDeg, double longitudeDeg, double cloudFactorMin, long seed) {

    private static final double SECONDS_PER_DAY = 86_400;
    private static final double MAX_DECLINATION_DEG = 23.44;

    public SolarSite {
        if (!(latitudeDeg >= -90 && latitudeDeg <= 90)) {
            throw new IllegalArgumentException("latitude must be in [-90, 90], was " + latitudeDeg);
        }
        if (!(longitudeDeg >= -180 && longitudeDeg <= 180)) {
            throw new IllegalArgumentException("longitude must be in [-180, 180], was " + longitudeDeg);
        }
        Figures.requireFraction(cloudFactorMin, "minimum cloud factor");
    }

    /** Share of nameplate under a clear sky: the sine of the sun's elevation, 0 at night. */
    public double clearSkyShare(Instant at) {
        double solarSeconds = at.getEpochSecond() + at.getNano() / 1e9 + longitudeDeg / 15 * 3600;
        double hourOfDay = Math.floorMod((long) Math.floor(solarSeconds), (long) SECONDS_PER_DAY) / 3600.0;
        int dayOfYear = at.atOffset(ZoneOffset.UTC).getDayOfYear();
        double declination = Math.toRadians(MAX_DECLINATION_DEG * Math.sin(2 * Math.PI * (284 + dayOfYear) / 365.0));
        double hourAngle = Math.toRadians(15 * (hourOfDay - 12));
        double latitude = Math.toRadians(latitudeDeg);
        double sinElevation = Math.sin(latitude) * Math.sin(declination)
                + Math.cos(latitude) * Math.cos(declination) * Math.cos(hourAngle);
        return Math.max(0, Math.min(1, sinElevation));
    }

    /** The cloud factor of a plant on the local solar day of {@code at}: the same all day, the same on every run. */
    public double cloudFactor(int plantIndex, Instant at) {
        long day = Math.floorDiv(at.getEpochSecond() + (long) (longitudeDeg / 15 * 3600), (long) SECONDS_PER_DAY);
        long mixed = seed * 0x9E3779B97F4A7C15L + day * 0xC2B2AE3D27D4EB4FL + plantIndex * 0x165667B19E3779F9L;
        double u = new SplittableRandom(mixed).nextDouble();
        return cloudFactorMin + (1 - cloudFactorMin) * u;
    }

    /** What a plant of {@code nameplateMw} gives at {@code at} by the model. */
    public double modelledOutputMw(int plantIndex, double nameplateMw, Instant at) {
        return nameplateMw * clearSkyShare(at) * cloudFactor(plantIndex, at);
    }
}
