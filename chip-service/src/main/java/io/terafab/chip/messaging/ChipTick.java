package io.terafab.chip.messaging;

import io.terafab.chip.domain.ChipInventory;
import io.terafab.chip.domain.TickOutcome;
import io.terafab.chip.domain.carbon.InstallOrigins;
import io.terafab.chip.twin.ChipCarbon;
import io.terafab.chip.twin.ChipConfig;
import io.terafab.platform.clock.TwinTick;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Moves the inventory along the twin clock: every tick installs due reservations (publishing each
 * rack install on {@code chips.allocations}), expires what waited too long, and publishes the SKUs
 * whose inventory changed on {@code chips.inventory}, and, once a forecast arrived, the accelerator
 * availability on {@code chips.availability} every {@code chip.availability.every}.
 */
@ApplicationScoped
public class ChipTick implements TwinTick<ChipInventory> {

    private static final Logger LOG = Logger.getLogger(ChipTick.class);

    @Inject
    ChipOutputs outputs;

    @Inject
    ChipCarbon carbon;

    @Inject
    ChipConfig config;

    @Override
    public void tick(ChipInventory inventory, Instant now) {
        TickOutcome outcome = inventory.advanceTo(now);
        Instant at = inventory.lastTick().orElse(now);
        outcome.installs()
                .forEach(install -> outputs.installed(
                        install,
                        at,
                        InstallOrigins.of(inventory, install.sku(), install.acceleratorIds(), carbon.packaging())));
        if (!outcome.expiredReservations().isEmpty()
                || !outcome.cancelledBackorders().isEmpty()) {
            LOG.infof(
                    "At %s: reservations expired %s, backorders given up %s",
                    at, outcome.expiredReservations(), outcome.cancelledBackorders());
        }
        outcome.reports().forEach(report -> outputs.skuInventoryReported(report, at));
        Instant last = outputs.availabilityPublishedAt();
        if (last == null || !at.isBefore(last.plus(config.availability().every()))) {
            inventory.availability(at).ifPresent(outputs::availability);
        }
    }
}
