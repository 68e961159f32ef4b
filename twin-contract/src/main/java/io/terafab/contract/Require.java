package io.terafab.contract;

import java.util.Map;

/** Value checks for payload constructors; each failure names the field. */
public final class Require {

    private Require() {}

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field + " is required");
        }
        return value;
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidEventException(field + " is required");
        }
        return value;
    }

    public static int positive(int value, String field) {
        if (value <= 0) {
            throw new InvalidEventException(field + " must be > 0, was " + value);
        }
        return value;
    }

    public static double positive(double value, String field) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidEventException(field + " must be a finite number > 0, was " + value);
        }
        return value;
    }

    public static int nonNegative(int value, String field) {
        if (value < 0) {
            throw new InvalidEventException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    public static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new InvalidEventException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    public static double nonNegative(double value, String field) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidEventException(field + " must be a finite number >= 0, was " + value);
        }
        return value;
    }

    public static <K> Map<K, Integer> nonNegativeCounts(Map<K, Integer> counts, String field) {
        present(counts, field);
        counts.forEach((k, v) -> {
            if (v == null || v < 0) {
                throw new InvalidEventException(field + "[" + k + "] must be >= 0, was " + v);
            }
        });
        return Map.copyOf(counts);
    }
}
