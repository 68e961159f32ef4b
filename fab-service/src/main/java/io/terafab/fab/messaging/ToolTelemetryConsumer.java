package io.terafab.fab.messaging;

import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.terafab.contract.EventTypes;
import io.terafab.contract.ToolTelemetryReported;
import io.terafab.fab.domain.FabRejection;
import io.terafab.fab.domain.LiveFab;
import io.terafab.fab.domain.OutOfOrderException;
import io.terafab.fab.domain.UnknownToolException;
import io.terafab.fab.simulation.ToolReport;
import io.terafab.fab.twin.FabTwin;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.messaging.InboundEventGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Tool telemetry from integrators overrides the simulated state of the named tool at the event's
 * time: DOWN and PM hold it down, UP and IDLE put it back in service, a reading outside its limits
 * takes it down (one within them only confirms the tool exists). Unknown tools, bad states and
 * malformed readings are dead-lettered with their reason by the gate, having changed nothing.
 *
 * <p>Out of order: one tool's telemetry (keyed by tool id, so it stays in order on the topic)
 * applies in the order of its time {@code at}. Telemetry older than the latest applied for the same
 * tool — a state change or a reading, within limits or not — is dead-lettered as
 * {@code out-of-order}: applied late, an old DOWN would take a tool down that was reported back up
 * since, an old UP would end a breakdown reported after it. Telemetry at the same instant as the
 * latest is applied after it.
 */
@Startup
@ApplicationScoped
public class ToolTelemetryConsumer {

    static final String CHANNEL = "tool-telemetry";

    @Inject
    InboundEventGate gate;

    @Inject
    FabTwin twin;

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(CHANNEL)
    public CompletionStage<Void> onTelemetry(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(CHANNEL, batch, this::apply);
    }

    void apply(InboundEvent event) {
        event.expectType(EventTypes.TOOL_TELEMETRY_REPORTED);
        ToolTelemetryReported telemetry = event.data(ToolTelemetryReported.class);
        LiveFab fab = twin.fabInHandler();
        try {
            if (telemetry.reading() != null && !telemetry.outOfLimits()) {
                fab.confirmTool(telemetry.toolId(), telemetry.at()); // within limits: nothing to override
                return;
            }
            fab.reportTool(telemetry.toolId(), reportOf(telemetry), telemetry.at());
        } catch (UnknownToolException e) {
            throw RejectedEventException.unknown(e.getMessage());
        } catch (OutOfOrderException e) {
            throw RejectedEventException.outOfOrder(e.getMessage());
        } catch (FabRejection e) {
            throw RejectedEventException.invalid(e.getMessage());
        }
    }

    /** IDLE is a tool up and waiting for work: in the model, the same as UP. */
    static ToolReport reportOf(ToolTelemetryReported telemetry) {
        if (telemetry.outOfLimits()) {
            return ToolReport.DOWN;
        }
        return switch (telemetry.state()) {
            case ToolTelemetryReported.DOWN -> ToolReport.DOWN;
            case ToolTelemetryReported.PM -> ToolReport.PM;
            case ToolTelemetryReported.UP, ToolTelemetryReported.IDLE -> ToolReport.UP;
            default -> throw new FabRejection("state must be one of DOWN, UP, PM, IDLE, was " + telemetry.state());
        };
    }
}
