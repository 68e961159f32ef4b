package io.terafab.power.domain;

/**
 * One step of the priority policy: raise a consumer's allowance to this share of its demand.
 *
 * @param consumer the consumer
 * @param shareOfDemand the share of its demand it has once this tier is served, in (0, 1]
 */
public record PriorityTier(String consumer, double shareOfDemand) {

    public PriorityTier {
        Figures.requireId(consumer, "priority tier consumer");
        if (!(shareOfDemand > 0 && shareOfDemand <= 1)) {
            throw new IllegalArgumentException(
                    "share of demand of a " + consumer + " tier must be in (0, 1], was " + shareOfDemand);
        }
    }

    /** Parses {@code consumer:share}, as the configuration writes a tier. */
    public static PriorityTier parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a priority tier is consumer:share, was " + text);
        }
        try {
            return new PriorityTier(
                    text.substring(0, colon).trim(),
                    Double.parseDouble(text.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a priority tier is consumer:share, was " + text, e);
        }
    }
}
