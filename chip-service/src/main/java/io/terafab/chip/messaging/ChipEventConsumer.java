package io.terafab.chip.messaging;

import static io.terafab.chip.messaging.InventoryRejections.inModel;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.terafab.chip.twin.ChipTwin;
import io.terafab.contract.AcceleratorHealthReported;
import io.terafab.contract.CapacityRequested;
import io.terafab.contract.EventTypes;
import io.terafab.contract.WaferOutRecorded;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.messaging.InboundEventGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies wafer-outs, capacity requests and accelerator health reports to the inventory. Installs
 * are not published here: they happen on the ticker after the install lead time.
 *
 * <p>Out of order, per topic:
 * <ul>
 *   <li>{@code sensor.accelerator-health}: a report observed ({@code observedAt}) before the
 *       accelerator was installed is older than a change already applied to it, and is
 *       dead-lettered as {@code out-of-order}. Reports after a failure are {@code not-allowed} (the
 *       accelerator no longer reports health); healthy reports change nothing, so their order among
 *       themselves does not matter.</li>
 *   <li>{@code fab.wafer-outs}, {@code cluster.capacity-requests}: each lot and each request
 *       arrives once (a repeat is {@code not-allowed}), so there is no earlier event of the same
 *       entity to be out of order with. One stamped before the inventory's last tick is late, not
 *       out of order: it is applied at the last tick, so it cannot start a reservation that is
 *       already overdue.</li>
 * </ul>
 */
@ApplicationScoped
public class ChipEventConsumer {

    @Inject
    InboundEventGate gate;

    @Inject
    ChipOutputs outputs;

    @Inject
    ChipTwin twin;

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming("wafer-outs")
    public CompletionStage<Void> onWaferOut(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch("wafer-outs", batch, this::applyWaferOut);
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming("capacity-requests")
    public CompletionStage<Void> onCapacityRequest(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch("capacity-requests", batch, this::applyCapacityRequest);
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming("accelerator-health")
    public CompletionStage<Void> onAcceleratorHealth(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch("accelerator-health", batch, this::applyHealthReport);
    }

    void applyWaferOut(InboundEvent event) {
        WaferOutRecorded waferOut = event.expectType(EventTypes.WAFER_OUT_RECORDED).data(WaferOutRecorded.class);
        inModel(() -> twin.inventoryInHandler().recordWaferOut(waferOut.lotId(), waferOut.product(),
                waferOut.goodDiesByBin(), event.envelope().time()));
    }

    void applyCapacityRequest(InboundEvent event) {
        CapacityRequested request = event.expectType(EventTypes.CAPACITY_REQUESTED).data(CapacityRequested.class);
        inModel(() -> twin.inventoryInHandler().requestCapacity(request.requestId(), request.accelerators(),
                request.sku(), request.priority(), event.envelope().time()));
    }

    void applyHealthReport(InboundEvent event) {
        AcceleratorHealthReported report = event.expectType(EventTypes.ACCELERATOR_HEALTH_REPORTED)
                .data(AcceleratorHealthReported.class);
        inModel(() -> twin.inventoryInHandler().reportHealth(report.acceleratorId(), report.rackId(), report.failed(),
                report.reason(), report.observedAt()))
                .ifPresent(outputs::removed);
    }
}
