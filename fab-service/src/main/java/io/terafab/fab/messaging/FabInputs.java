package io.terafab.fab.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.terafab.contract.BudgetIssued;
import io.terafab.contract.EventTypes;
import io.terafab.contract.PowerConsumers;
import io.terafab.contract.ToolTelemetryReported;
import io.terafab.fab.domain.LiveFab;
import io.terafab.fab.domain.PowerBudget;
import io.terafab.fab.domain.carbon.LotEnergyLedger;
import io.terafab.fab.simulation.ToolReport;
import io.terafab.fab.twin.FabTwin;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.messaging.InboundEventGate;
import io.terafab.platform.model.ModelRejection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What fab-service consumes, each channel handed to the gate with its handler; handlers run under
 * the state lock and the gate dead-letters what the model refuses.
 *
 * <p><b>power-budget</b>: the grid's budgets for the fab. The topic also carries the data
 * center's budgets: those are acknowledged and ignored, not dead-lettered, since they are valid
 * events for another consumer (and whether they are valid is that consumer's call). Out of order:
 * the fab's budgets apply in the order they were issued ({@code issuedAt}); one issued before the
 * budget in force is dead-lettered as {@code out-of-order}: applied late, it would put back a cap
 * the grid has since replaced. Should power-service restart with a clock behind the campus, its
 * budgets are refused until its clock passes the last one applied, and the fab keeps the cap in
 * force meanwhile (a missing budget never means unlimited power).
 *
 * <p><b>tool-telemetry</b>: integrators' telemetry overrides the simulated state of the named tool
 * at the event's time: DOWN and PM hold it down, UP and IDLE put it back in service, a reading
 * outside its limits takes it down (one within them only confirms the tool exists). Out of order:
 * one tool's telemetry (keyed by tool id, so it stays in order on the topic) applies in the order
 * of its time {@code at}. Telemetry older than the latest applied for the same tool — a state
 * change or a reading, within limits or not — is dead-lettered as {@code out-of-order}: applied
 * late, an old DOWN would take a tool down that was reported back up since, an old UP would end a
 * breakdown reported after it. Telemetry at the same instant as the latest is applied after it.
 */
@ApplicationScoped
public class FabInputs {

    static final String POWER_BUDGET = "power-budget";
    static final String TOOL_TELEMETRY = "tool-telemetry";

    @Inject
    InboundEventGate gate;

    @Inject
    FabTwin twin;

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(POWER_BUDGET)
    public CompletionStage<Void> powerBudget(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                POWER_BUDGET,
                batch,
                twin.on(
                        EventTypes.BUDGET_ISSUED,
                        event -> PowerConsumers.isAnotherConsumers(event.text("consumer"), PowerConsumers.FAB),
                        BudgetIssued.class,
                        this::applyBudget));
    }

    void applyBudget(LiveFab fab, BudgetIssued budget, InboundEvent event) {
        fab.applyBudget(new PowerBudget(budget.capMw(), budget.issuedAt(), budget.validUntil()));
        BudgetIssued.Settled s = budget.settled();
        if (s != null) { // the grid's carbon of the interval it just settled, for the lots that used it
            fab.settleEnergy(
                    new LotEnergyLedger.Settlement(s.from(), s.to(), s.energyWh(), s.carbonGrams(), s.gramsPerKwh()));
        }
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(TOOL_TELEMETRY)
    public CompletionStage<Void> toolTelemetry(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                TOOL_TELEMETRY,
                batch,
                twin.on(EventTypes.TOOL_TELEMETRY_REPORTED, ToolTelemetryReported.class, this::applyTelemetry));
    }

    void applyTelemetry(LiveFab fab, ToolTelemetryReported telemetry, InboundEvent event) {
        if (telemetry.reading() != null && !telemetry.outOfLimits()) {
            fab.confirmTool(telemetry.toolId(), telemetry.at()); // within limits: nothing to override
            return;
        }
        fab.reportTool(telemetry.toolId(), reportOf(telemetry), telemetry.at());
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
            default ->
                throw ModelRejection.invalid("state must be one of DOWN, UP, PM, IDLE, was " + telemetry.state());
        };
    }
}
