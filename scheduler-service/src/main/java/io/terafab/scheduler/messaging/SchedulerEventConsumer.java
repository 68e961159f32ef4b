package io.terafab.scheduler.messaging;

import io.quarkus.runtime.Startup;
import io.terafab.contract.AcceleratorsAllocated;
import io.terafab.contract.BudgetIssued;
import io.terafab.contract.EventTypes;
import io.terafab.contract.JobSubmitted;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.messaging.InboundEventGate;
import io.terafab.scheduler.domain.ClusterRejection;
import io.terafab.scheduler.twin.SchedulerTwin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Applies allocations, the data center's power budgets and job submissions to the cluster. */
@Startup
@ApplicationScoped
public class SchedulerEventConsumer {

    private static final double WATTS_PER_MEGAWATT = 1e6;

    @Inject
    InboundEventGate gate;

    @Inject
    SchedulerTwin twin;

    @Incoming("allocations")
    public CompletionStage<Void> onAllocation(Message<byte[]> message) {
        return gate.process("allocations", message, this::applyAllocation);
    }

    @Incoming("power-budget")
    public CompletionStage<Void> onBudget(Message<byte[]> message) {
        return gate.process("power-budget", message, this::applyBudget);
    }

    @Incoming("job-requests")
    public CompletionStage<Void> onJobRequest(Message<byte[]> message) {
        return gate.process("job-requests", message, this::applyJobRequest);
    }

    void applyAllocation(InboundEvent event) {
        AcceleratorsAllocated allocation = event.expectType(EventTypes.ACCELERATORS_ALLOCATED)
                .data(AcceleratorsAllocated.class);
        inModel(() -> twin.clusterInHandler().addAccelerators(allocation.requestId(), allocation.rackId(),
                allocation.acceleratorIds()));
    }

    void applyBudget(InboundEvent event) {
        event.expectType(EventTypes.BUDGET_ISSUED);
        // The topic carries every consumer's budget; another consumer's is theirs to judge, not ours.
        // One naming no consumer is nobody's: it is parsed below and dead-lettered as invalid.
        String consumer = event.data().path("consumer").asText(null);
        if (consumer != null && !consumer.isBlank() && !SchedulerOutputs.DC_CONSUMER.equals(consumer)) {
            return;
        }
        BudgetIssued budget = event.data(BudgetIssued.class);
        inModel(() -> twin.clusterInHandler().applyBudget(budget.capMw() * WATTS_PER_MEGAWATT));
    }

    void applyJobRequest(InboundEvent event) {
        JobSubmitted job = event.expectType(EventTypes.JOB_SUBMITTED).data(JobSubmitted.class);
        inModel(() -> twin.clusterInHandler().submit(JobSubmissions.toSpec(job, event.envelope().time())));
    }

    private static void inModel(Runnable change) {
        try {
            change.run();
        } catch (ClusterRejection e) {
            throw Rejections.asEventRejection(e);
        }
    }
}
