package io.terafab.power.domain;

import java.time.Duration;

/** Checks of configured figures, each failure naming the figure; settings refuse impossible campuses at start. */
final class Figures {

    /** Power figures are compared with this slack: a micro-watt, far below any meter's resolution. */
    static final double EPSILON_MW = 1e-9;

    private Figures() {}

    /** True for a power figure the grid can work with: finite and not negative. */
    static boolean isValidMw(double mw) {
        return mw >= 0 && Double.isFinite(mw);
    }

    static double requireNonNegative(double value, String what) {
        if (!isValidMw(value)) {
            throw new IllegalArgumentException(what + " must be a finite number >= 0, was " + value);
        }
        return value;
    }

    static double requirePositive(double value, String what) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number > 0, was " + value);
        }
        return value;
    }

    static double requireFraction(double value, String what) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], was " + value);
        }
        return value;
    }

    static String requireId(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(what + " id must not be blank, was " + id);
        }
        return id;
    }

    static Duration requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, was " + d);
        }
        return d;
    }
}
