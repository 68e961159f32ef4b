package io.terafab.chip.messaging;

import io.quarkus.runtime.Startup;
import io.terafab.chip.domain.RackInstall;
import io.terafab.chip.domain.Removal;
import io.terafab.chip.domain.SkuReport;
import io.terafab.chip.domain.carbon.InstallOrigins;
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

    @PostConstruct
    void register() {
        publisher.register(Map.of(ALLOCATIONS, allocations, REMOVALS, removals, INVENTORY, inventory));
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
}
