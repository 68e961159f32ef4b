package io.terafab.power.domain;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What grid energy costs and emits, by the site's local hour: a peak window and the rest of the day.
 *
 * @param peakStartHour first local hour of the peak, 0-23
 * @param peakEndHour local hour the peak ends, 0-24; a window that wraps midnight (22 to 6) is allowed, an empty one
 *     (start = end) means no peak
 * @param peakPriceUsdPerMwh energy price in the peak
 * @param offPeakPriceUsdPerMwh energy price outside it
 * @param peakCarbonTonnesPerMwh grid carbon intensity in the peak (gas peakers on the margin)
 * @param offPeakCarbonTonnesPerMwh grid carbon intensity outside it
 * @param utcOffset the site's offset from UTC (standard time)
 */
public record TimeOfUseTariff(
        int peakStartHour,
        int peakEndHour,
        double peakPriceUsdPerMwh,
        double offPeakPriceUsdPerMwh,
        double peakCarbonTonnesPerMwh,
        double offPeakCarbonTonnesPerMwh,
        ZoneOffset utcOffset) {

    public TimeOfUseTariff {
        if (peakStartHour < 0 || peakStartHour > 23) {
            throw new IllegalArgumentException("peak start hour must be 0-23, was " + peakStartHour);
        }
        if (peakEndHour < 0 || peakEndHour > 24) {
            throw new IllegalArgumentException("peak end hour must be 0-24, was " + peakEndHour);
        }
        Figures.requireNonNegative(peakPriceUsdPerMwh, "peak price");
        Figures.requireNonNegative(offPeakPriceUsdPerMwh, "off-peak price");
        Figures.requireNonNegative(peakCarbonTonnesPerMwh, "peak carbon intensity");
        Figures.requireNonNegative(offPeakCarbonTonnesPerMwh, "off-peak carbon intensity");
        if (utcOffset == null) {
            throw new IllegalArgumentException("the site's UTC offset is required");
        }
    }

    /** A flat tariff: the same price and intensity all day. */
    public static TimeOfUseTariff flat(double priceUsdPerMwh, double carbonTonnesPerMwh) {
        return new TimeOfUseTariff(
                0, 0, priceUsdPerMwh, priceUsdPerMwh, carbonTonnesPerMwh, carbonTonnesPerMwh, ZoneOffset.UTC);
    }

    public boolean isPeak(Instant at) {
        int hour = at.atOffset(utcOffset).getHour();
        if (peakStartHour == peakEndHour) {
            return false;
        }
        return peakStartHour < peakEndHour
                ? hour >= peakStartHour && hour < peakEndHour
                : hour >= peakStartHour || hour < peakEndHour;
    }

    public double priceAt(Instant at) {
        return isPeak(at) ? peakPriceUsdPerMwh : offPeakPriceUsdPerMwh;
    }

    public double carbonAt(Instant at) {
        return isPeak(at) ? peakCarbonTonnesPerMwh : offPeakCarbonTonnesPerMwh;
    }
}
