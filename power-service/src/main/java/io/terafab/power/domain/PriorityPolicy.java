package io.terafab.power.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who gets power when the supply is short. The campus base load is served first (offices,
 * utilities, the central plant); then each consumer's reported floor, the least it can draw
 * without stopping (the fab's facility load and idle tools: a cap below it cannot be kept), in the
 * order of the consumers' first tiers; then the tiers in order, each raising one consumer's
 * allowance to a share of its demand. The default policy of the campus is
 * {@code fab:0.4, dc:0.3, fab:1, dc:1}: the fab's critical load (cleanrooms, abatement, ultrapure
 * water, which must never stop or wafers are scrapped; its reported floor covers it), then the
 * data center's inference share, then the fab's production, then training, which can checkpoint
 * and slow down.
 *
 * <p>When every tier is served in full, the supply left is added to the caps in proportion to
 * demand (evenly when nobody asks for anything), so a consumer can grow before the next budget.
 * Whatever floating-point rounding adds is taken off the last share, so base load served plus the
 * caps never exceed the available supply.
 */
public final class PriorityPolicy {

    private final List<String> consumers;
    private final List<PriorityTier> tiers;
    private final Map<String, Integer> index = new HashMap<>();
    private final int[] floorOrder; // consumer indexes in the order of their first tier

    /**
     * @param consumers the consumers, in the order budgets are listed
     * @param tiers the tiers, highest priority first; every consumer's shares rise tier by tier and
     *     its last tier is 1 (its whole demand)
     */
    public PriorityPolicy(List<String> consumers, List<PriorityTier> tiers) {
        this.consumers = List.copyOf(consumers);
        this.tiers = List.copyOf(tiers);
        for (int i = 0; i < this.consumers.size(); i++) {
            index.put(this.consumers.get(i), i);
        }
        Map<String, Double> lastShare = new HashMap<>();
        for (PriorityTier tier : this.tiers) {
            if (!index.containsKey(tier.consumer())) {
                throw new IllegalArgumentException("priority tier names an unknown consumer " + tier.consumer()
                        + " (consumers: " + this.consumers + ")");
            }
            Double before = lastShare.put(tier.consumer(), tier.shareOfDemand());
            if (before != null && tier.shareOfDemand() <= before) {
                throw new IllegalArgumentException("the shares of " + tier.consumer() + " must rise tier by tier, "
                        + tier.shareOfDemand() + " follows " + before);
            }
        }
        for (String consumer : this.consumers) {
            if (lastShare.getOrDefault(consumer, 0.0) != 1.0) {
                throw new IllegalArgumentException("the last tier of " + consumer + " must be its whole demand ("
                        + consumer + ":1), tiers are " + this.tiers);
            }
        }
        floorOrder = this.tiers.stream()
                .map(PriorityTier::consumer)
                .distinct()
                .mapToInt(index::get)
                .toArray();
    }

    /** Each consumer in turn gets its whole demand: the order is the priority. */
    public static PriorityPolicy inOrder(List<String> consumers) {
        List<PriorityTier> tiers = new ArrayList<>();
        consumers.forEach(c -> tiers.add(new PriorityTier(c, 1)));
        return new PriorityPolicy(consumers, tiers);
    }

    public List<String> consumers() {
        return consumers;
    }

    public List<PriorityTier> tiers() {
        return tiers;
    }

    int consumerIndex(String consumer) {
        return index.get(consumer);
    }

    /** Consumer indexes in the order their floors are served: that of their first tiers. */
    int[] floorOrder() {
        return floorOrder.clone();
    }

    /**
     * Splits {@code availableMw} between the base load and the consumers.
     *
     * @param demandsMw the consumers' demands, in {@link #consumers()} order
     * @param floorsMw the consumers' floors, in {@link #consumers()} order (0 for none; a floor above
     *     the demand counts as the demand)
     */
    BudgetAllocation allocate(double baseLoadMw, double[] demandsMw, double[] floorsMw, double availableMw) {
        double baseServed = Math.min(baseLoadMw, availableMw);
        double remaining = Math.max(0, availableMw - baseServed);
        double[] served = new double[consumers.size()];
        for (int c : floorOrder) {
            double add = Math.max(0, Math.min(Math.min(floorsMw[c], demandsMw[c]), remaining));
            served[c] = add;
            remaining = Math.max(0, remaining - add);
        }
        double[] floorsServed = served.clone();
        for (PriorityTier tier : tiers) {
            int c = index.get(tier.consumer());
            double target = demandsMw[c] * tier.shareOfDemand();
            double add = Math.max(0, Math.min(target - served[c], remaining));
            served[c] += add;
            remaining = Math.max(0, remaining - add);
        }
        double[] caps = served.clone();
        shareHeadroom(caps, demandsMw, remaining);
        return new BudgetAllocation(baseServed, served, floorsServed, caps);
    }

    private static void shareHeadroom(double[] caps, double[] demandsMw, double headroom) {
        if (headroom <= 0) {
            return;
        }
        double totalDemand = 0;
        for (double d : demandsMw) {
            totalDemand += d;
        }
        double left = headroom;
        for (int i = 0; i < caps.length; i++) {
            double share;
            if (i == caps.length - 1) {
                share = left;
            } else if (totalDemand > 0) {
                share = Math.min(left, headroom * demandsMw[i] / totalDemand);
            } else {
                share = Math.min(left, headroom / caps.length);
            }
            caps[i] += share;
            left = Math.max(0, left - share);
        }
    }
}
