package io.terafab.fab.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.terafab.contract.BudgetIssued;
import io.terafab.contract.EventTypes;
import io.terafab.fab.domain.FabRejection;
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
