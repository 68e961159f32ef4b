package io.terafab.chip.messaging;

import io.quarkus.runtime.Startup;
import io.terafab.chip.domain.AcceleratorAvailability;
import io.terafab.chip.domain.RackInstall;
import io.terafab.chip.domain.Removal;
import io.terafab.chip.domain.SkuReport;
import io.terafab.chip.domain.carbon.InstallOrigins;
import io.terafab.contract.AcceleratorAvailabilityPublished;
import io.terafab.contract.AcceleratorsAllocated;
import io.terafab.contract.AcceleratorsRemoved;
import io.terafab.contract.EventTypes;
import io.terafab.contract.SkuInventoryReported;
import io.terafab.platform.messaging.EventPublisher;
import io.terafab.platform.messaging.OutgoingEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The events chip-service publishes. Each method must be called from inside the state change that
 * caused the event (a handler, a tick or a locked REST command), so the event is in the snapshot
 * outbox; each id is derived from what caused it, so a re-publication after a restart is dropped
 * downstream.
 */
@Startup
@ApplicationScoped
public class ChipOutputs {

    static final String ALLOCATIONS = "allocations";
    static final String REMOVALS = "removals";
    static final String INVENTORY = "inventory";
    static final String AVAILABILITY = "availability";

    @Inject
    EventPublisher publisher;

    @Inject
    @Channel(ALLOCATIONS)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> allocations;

    @Inject
    @Channel(REMOVALS)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> removals;

    @Inject
    @Channel(INVENTORY)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> inventory;

    @Inject
    @Channel(AVAILABILITY)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> availability;

    /** When the availability was last published (not kept over a restart: the first tick publishes again). */
    private Instant availabilityPublishedAt;

    @PostConstruct
    void register() {
        publisher.register(
                Map.of(ALLOCATIONS, allocations, REMOVALS, removals, INVENTORY, inventory, AVAILABILITY, availability));
    }

    /**
     * Accelerators installed into a rack for a request: the scheduler adds them to its capacity. A
     * tick's decision, sent once a snapshot holds it: a model restored after a crash would install at
     * another instant under the same id.
     */
    public void installed(RackInstall install, Instant at, List<InstallOrigins.Origin> origins) {
        publisher.publishDecision(
                ALLOCATIONS,
                new OutgoingEvent(
                        EventTypes.ACCELERATORS_ALLOCATED,
                        install.requestId(),
                        "allocation-" + install.requestId() + "-" + install.sequence(),
                        at,
                        new AcceleratorsAllocated(
                                install.requestId(),
                                install.sku(),
                                install.rackId(),
                                install.acceleratorIds(),
                                origins.stream()
                                        .map(o -> new AcceleratorsAllocated.Origin(
                                                o.batchId(),
                                                o.lotId(),
                                                o.accelerators(),
                                                Math.round(o.embodied().totalWh()),
                                                Math.round(o.embodied().totalCarbonGrams())))
                                        .toList())));
    }

    /** A failed accelerator left the cluster: whoever schedules on it must stop. */
    public void removed(Removal removal) {
        publisher.publish(
                REMOVALS,
                new OutgoingEvent(
                        EventTypes.ACCELERATORS_REMOVED,
                        removal.rackId(),
                        "removal-" + removal.acceleratorId(),
                        removal.removedAt(),
                        new AcceleratorsRemoved(
                                removal.rackId(),
                                removal.sku(),
                                List.of(removal.acceleratorId()),
                                removal.reason(),
                                removal.removedAt())));
    }

    /** The latest inventory of a SKU, for the compacted {@code chips.inventory} topic. */
    public void skuInventoryReported(SkuReport report, Instant at) {
        var c = report.counts();
        publisher.publish(
                INVENTORY,
                new OutgoingEvent(
                        EventTypes.SKU_INVENTORY_REPORTED,
                        report.sku(),
                        "inventory-" + report.sku() + "-" + report.number(),
                        at,
                        new SkuInventoryReported(
                                report.sku(),
                                c.produced(),
                                c.inStock(),
                                c.reserved(),
                                c.installed(),
                                c.failed(),
                                c.returned(),
                                c.scrapped(),
                                report.backordered(),
                                report.number(),
                                at)));
    }

    /** When the availability was last published, or null since the start. */
    public Instant availabilityPublishedAt() {
        return availabilityPublishedAt;
    }

    /**
     * Accelerator availability per week ahead, for the compacted {@code chips.availability} topic
     * under the forecast's fab; call it under the state lock. Its id names the forecast and the
     * instant of the stock, so each publication is its own event and a repeat is dropped downstream.
     */
    public void availability(AcceleratorAvailability a) {
        if (a.weeks().isEmpty() || a.at().equals(availabilityPublishedAt)) {
            return; // every week of the forecast is over, or this instant's figures are out already
        }
        publisher.publish(
                AVAILABILITY,
                new OutgoingEvent(
                        EventTypes.ACCELERATOR_AVAILABILITY_PUBLISHED,
                        a.fab(),
                        "availability-" + a.forecastFrom().toEpochMilli() + "-" + a.at().toEpochMilli(),
                        a.at(),
                        new AcceleratorAvailabilityPublished(
                                a.fab(),
                                a.forecastFrom(),
                                a.at(),
                                a.weeks().stream()
                                        .map(w -> new AcceleratorAvailabilityPublished.Week(
                                                w.week(),
                                                w.weekTo(),
                                                band(w.accelerators()),
                                                w.bySku().entrySet().stream()
                                                        .collect(Collectors.toMap(
                                                                Map.Entry::getKey, e -> band(e.getValue())))))
                                        .toList())));
        availabilityPublishedAt = a.at();
    }

    private static AcceleratorAvailabilityPublished.Band band(AcceleratorAvailability.Band b) {
        return new AcceleratorAvailabilityPublished.Band(b.p10(), b.p50(), b.p90());
    }
}
