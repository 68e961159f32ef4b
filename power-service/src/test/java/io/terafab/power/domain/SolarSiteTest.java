package io.terafab.power.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The sun over Austin, Texas (30.27 N, 97.74 W): solar noon is about 18:31 UTC. */
class SolarSiteTest {

    private static final SolarSite AUSTIN = new SolarSite(30.27, -97.74, 0.5, 2027);
    private static final Instant WINTER_NOON = Instant.parse("2027-12-21T18:31:00Z");
    private static final Instant SUMMER_NOON = Instant.parse("2027-06-21T18:31:00Z");

    @Test
    void theSunIsDownAtNightAndHighestAtSolarNoon() {
        assertThat(AUSTIN.clearSkyShare(Instant.parse("2027-06-21T06:31:00Z"))).isZero();
        assertThat(AUSTIN.clearSkyShare(SUMMER_NOON))
                .isGreaterThan(AUSTIN.clearSkyShare(SUMMER_NOON.minus(Duration.ofHours(2))))
                .isGreaterThan(AUSTIN.clearSkyShare(SUMMER_NOON.plus(Duration.ofHours(2))));
    }

    @Test
    void noonElevationFollowsLatitudeAndSeason() {
        // elevation at noon = 90 - latitude + declination: 83.2 degrees in June, 36.3 in December
        assertThat(AUSTIN.clearSkyShare(SUMMER_NOON)).isCloseTo(Math.sin(Math.toRadians(83.17)), within(0.01));
        assertThat(AUSTIN.clearSkyShare(WINTER_NOON)).isCloseTo(Math.sin(Math.toRadians(36.29)), within(0.01));
    }

    @Test
    void theCloudFactorIsTheSameAllDayAndOnEveryRunAndWithinItsRange() {
        double morning = AUSTIN.cloudFactor(0, SUMMER_NOON.minus(Duration.ofHours(4)));
        double afternoon = AUSTIN.cloudFactor(0, SUMMER_NOON.plus(Duration.ofHours(4)));
        assertThat(morning).isEqualTo(afternoon);
        assertThat(new SolarSite(30.27, -97.74, 0.5, 2027).cloudFactor(0, SUMMER_NOON))
                .isEqualTo(AUSTIN.cloudFactor(0, SUMMER_NOON));
        for (int day = 0; day < 365; day++) {
            double factor = AUSTIN.cloudFactor(day % 3, SUMMER_NOON.plus(Duration.ofDays(day)));
            assertThat(factor).as("day " + day).isBetween(0.5, 1.0);
        }
    }

    @Test
    void aPlantsModelledOutputIsItsNameplateTimesTheSunTimesTheClouds() {
        double expected = 100 * AUSTIN.clearSkyShare(SUMMER_NOON) * AUSTIN.cloudFactor(1, SUMMER_NOON);
        assertThat(AUSTIN.modelledOutputMw(1, 100, SUMMER_NOON)).isCloseTo(expected, within(1e-12));
    }
}
