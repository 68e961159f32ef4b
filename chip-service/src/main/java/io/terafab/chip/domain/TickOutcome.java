package io.terafab.chip.domain;

import java.util.List;

/**
 * What one step of simulated time did: racks installed (to announce), reservations that expired
 * and backorders given up.
 */
public record TickOutcome(
        List<RackInstall> installs, List<String> expiredReservations, List<String> cancelledBackorders) {}
