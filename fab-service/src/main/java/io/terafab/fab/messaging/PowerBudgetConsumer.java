package io.terafab.fab.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.terafab.contract.BudgetIssued;
import io.terafab.contract.EventTypes;
import io.terafab.fab.domain.FabRejection;
import io.terafab.fab.domain.OutOfOrderException;
import io.terafab.fab.domain.PowerBudget;
import io.terafab.fab.twin.FabTwin;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.messaging.InboundEventGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies the grid's budgets for the fab. The topic also carries the data center's budgets:
 * those are acknowledged and ignored, not dead-lettered, since they are valid events for another
 * consumer (and whether they are valid is that consumer's call).
 *
 * <p>Out of order: the fab's budgets apply in the order they were issued ({@code issuedAt}). A
 * budget issued before the one in force is dead-lettered as {@code out-of-order}: applied late, it
 * would put back a cap the grid has since replaced. Should power-service restart with a clock
 * behind the campus, its budgets are refused until its clock passes the last one applied, and the
 * fab keeps the cap in force meanwhile (a missing budget never means unlimited power).
 */
@Startup
@ApplicationScoped
public class PowerBudgetConsumer {

    static final String CHANNEL = "power-budget";
    static final String FAB = "fab";

    @Inject
    InboundEventGate gate;

    @Inject
    FabTwin twin;

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(CHANNEL)
    public CompletionStage<Void> onBudget(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(CHANNEL, batch, this::applyBudget);
    }

    void applyBudget(InboundEvent event) {
        event.expectType(EventTypes.BUDGET_ISSUED);
        if (isForAnotherConsumer(event.data())) {
            return;
        }
        BudgetIssued budget = event.data(BudgetIssued.class);
        try {
            twin.fabInHandler().applyBudget(new PowerBudget(budget.capMw(), budget.issuedAt(), budget.validUntil()));
        } catch (OutOfOrderException e) {
            throw RejectedEventException.outOfOrder(e.getMessage());
        } catch (FabRejection e) {
            throw RejectedEventException.invalid(e.getMessage());
        }
    }

    /** A budget naming another consumer; one with no readable consumer is validated (and rejected) as the fab's. */
    private static boolean isForAnotherConsumer(JsonNode data) {
        JsonNode consumer = data.get("consumer");
        return consumer != null && consumer.isTextual() && !consumer.asText().isBlank()
                && !FAB.equals(consumer.asText());
    }
}
