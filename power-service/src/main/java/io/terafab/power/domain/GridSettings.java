package io.terafab.power.domain;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * The fixed figures of the grid. Powers are in MW, durations in simulated time.
 *
 * @param importCapMw what the utility connection may import; the starting value, operators can change it
 * @param onsiteGenerationMw on-site generation, always available in this model
 * @param campusBaseLoadMw offices, utilities and the central plant: always served first
 * @param consumersByPriority the consumers that get budgets, highest priority first
 * @param budgetValidity how long a budget holds before the consumer must expect a new one
 * @param demandTimeout after this long without a reading a consumer is flagged stale (it keeps its last demand)
 */
public record GridSettings(double importCapMw, double onsiteGenerationMw, double campusBaseLoadMw,
        List<String> consumersByPriority, Duration budgetValidity, Duration demandTimeout) {

    public GridSettings {
        requireMw(importCapMw, "import cap");
        requireMw(onsiteGenerationMw, "onsite generation");
        requireMw(campusBaseLoadMw, "campus base load");
        consumersByPriority = List.copyOf(consumersByPriority);
        if (consumersByPriority.isEmpty()) {
            throw new IllegalArgumentException("at least one consumer is needed");
        }
        if (new HashSet<>(consumersByPriority).size() != consumersByPriority.size()) {
            throw new IllegalArgumentException("consumers must be unique, were " + consumersByPriority);
        }
        if (consumersByPriority.stream().anyMatch(c -> c == null || c.isBlank())) {
            throw new IllegalArgumentException("consumer names must not be blank, were " + consumersByPriority);
        }
        requirePositive(budgetValidity, "budget validity");
        requirePositive(demandTimeout, "demand timeout");
    }

    /** True for a power figure the grid can work with: finite and not negative. */
    static boolean isValidMw(double mw) {
        return mw >= 0 && Double.isFinite(mw);
    }

    private static void requireMw(double mw, String what) {
        if (!isValidMw(mw)) {
            throw new IllegalArgumentException(what + " must be a finite number of MW >= 0, was " + mw);
        }
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, was " + d);
        }
    }
}
