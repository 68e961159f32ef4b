package io.terafab.chip.messaging;

import io.quarkus.runtime.Startup;
import io.terafab.chip.domain.InventoryRejection;
import io.terafab.chip.domain.RackInstall;
import io.terafab.chip.twin.ChipTwin;
import io.terafab.contract.AcceleratorsAllocated;
import io.terafab.contract.CapacityRequested;
import io.terafab.contract.EventTypes;
import io.terafab.contract.WaferOutRecorded;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.messaging.EventPublisher;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.messaging.InboundEventGate;
import io.terafab.platform.messaging.OutgoingEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Applies wafer-outs and capacity requests to the inventory and publishes the installs. */
@Startup
@ApplicationScoped
public class ChipEventConsumer {

    static final String ALLOCATIONS = "allocations";

    @Inject
    InboundEventGate gate;

    @Inject
    EventPublisher publisher;

    @Inject
    ChipTwin twin;

    @Inject
    @Channel(ALLOCATIONS)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<Object> allocations;

    @PostConstruct
    void registerOutputs() {
        publisher.register(ALLOCATIONS, allocations);
    }

    @Incoming("wafer-outs")
    public CompletionStage<Void> onWaferOut(Message<byte[]> message) {
        return gate.process("wafer-outs", message, this::applyWaferOut);
    }

    @Incoming("capacity-requests")
    public CompletionStage<Void> onCapacityRequest(Message<byte[]> message) {
        return gate.process("capacity-requests", message, this::applyCapacityRequest);
    }

    void applyWaferOut(InboundEvent event) {
        WaferOutRecorded waferOut = event.expectType(EventTypes.WAFER_OUT_RECORDED).data(WaferOutRecorded.class);
        inModel(() -> twin.inventoryInHandler().recordWaferOut(waferOut.lotId(), waferOut.product(),
                waferOut.goodDiesByBin()));
    }

    void applyCapacityRequest(InboundEvent event) {
        CapacityRequested request = event.expectType(EventTypes.CAPACITY_REQUESTED).data(CapacityRequested.class);
        List<RackInstall> installs = inModel(() -> twin.inventoryInHandler().install(request.requestId(),
                request.accelerators(), request.sku()));
        for (int i = 0; i < installs.size(); i++) {
            RackInstall install = installs.get(i);
            publisher.publish(ALLOCATIONS, new OutgoingEvent(EventTypes.ACCELERATORS_ALLOCATED, install.requestId(),
                    "allocation-" + install.requestId() + "-" + i, event.envelope().time(),
                    new AcceleratorsAllocated(install.requestId(), install.sku(), install.rackId(), install.acceleratorIds())));
        }
    }

    private static <T> T inModel(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (InventoryRejection e) {
            throw switch (e.kind()) {
                case UNKNOWN_ENTITY -> RejectedEventException.unknown(e.getMessage());
                case NOT_ALLOWED -> RejectedEventException.notAllowed(e.getMessage());
                case INVALID -> RejectedEventException.invalid(e.getMessage());
            };
        }
    }
}
