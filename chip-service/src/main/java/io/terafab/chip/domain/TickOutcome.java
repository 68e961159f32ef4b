package io.terafab.chip.domain;

import java.util.List;

/**
 * What one step of simulated time did: racks installed (to announce), reservations that expired,
 * backorders given up, and the SKUs whose inventory changed since the last step (to announce).
 */
public record TickOutcome(
        List<RackInstall> installs,
        List<String> expiredReservations,
        List<String> cancelledBackorders,
        List<SkuReport> reports) {}
