package io.terafab.scheduler.messaging;

import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.terafab.contract.AcceleratorsAllocated;
import io.terafab.contract.AcceleratorsRemoved;
import io.terafab.contract.BudgetIssued;
import io.terafab.contract.EventTypes;
import io.terafab.contract.JobCancellationRequested;
import io.terafab.contract.JobSubmitted;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.envelope.RejectionReason;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.messaging.InboundEventGate;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.ClusterRejection;
import io.terafab.scheduler.twin.SchedulerTwin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies allocations and removals of accelerators, the data center's power budgets, job
 * submissions and cancellations to the cluster, and publishes the job steps each one caused.
 *
 * <p>Out of order, per topic:
 * <ul>
 *   <li>{@code power.budget}: the data center's budgets apply in the order they were issued
 *       ({@code issuedAt}); one issued before the budget in force would put back a cap the grid has
 *       since replaced, so it is dead-lettered as {@code out-of-order}.</li>
 *   <li>{@code jobs.requests}: a job's cancellation stamped ({@code ce_time}) before the job's
 *       submission cannot be about that job and is dead-lettered as {@code out-of-order}. A
 *       submission has no earlier event to be out of order with; a second one for a job is
 *       {@code not-allowed}.</li>
 *   <li>{@code chips.allocations}, {@code chips.removals}: an accelerator is installed once and
 *       removed once, whatever the times; a repeat is {@code not-allowed}, so there is no order
 *       to check beyond that.</li>
 * </ul>
 */
@Startup
@ApplicationScoped
public class SchedulerEventConsumer {

    private static final double WATTS_PER_MEGAWATT = 1e6;

    @Inject
    InboundEventGate gate;

    @Inject
    SchedulerTwin twin;

    @Inject
    SchedulerOutputs outputs;

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming("allocations")
    public CompletionStage<Void> onAllocation(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch("allocations", batch, this::applyAllocation);
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming("removals")
    public CompletionStage<Void> onRemoval(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch("removals", batch, this::applyRemoval);
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming("power-budget")
    public CompletionStage<Void> onBudget(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch("power-budget", batch, this::applyBudget);
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming("job-requests")
    public CompletionStage<Void> onJobRequest(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch("job-requests", batch, this::applyJobRequest);
    }

    void applyAllocation(InboundEvent event) {
        AcceleratorsAllocated allocation = event.expectType(EventTypes.ACCELERATORS_ALLOCATED)
                .data(AcceleratorsAllocated.class);
        inModel(c -> c.addAccelerators(allocation.requestId(), allocation.rackId(), allocation.acceleratorIds()));
    }

    void applyRemoval(InboundEvent event) {
        AcceleratorsRemoved removal = event.expectType(EventTypes.ACCELERATORS_REMOVED).data(AcceleratorsRemoved.class);
        inModel(c -> c.removeAccelerators(removal.acceleratorIds(), removal.reason(), event.envelope().time()));
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
        inModel(c -> c.applyBudget(budget.capMw() * WATTS_PER_MEGAWATT, budget.issuedAt()));
    }

    /** {@code jobs.requests} carries submissions and cancellations, keyed by job id so a job's stay in order. */
    void applyJobRequest(InboundEvent event) {
        switch (event.type()) {
            case EventTypes.JOB_SUBMITTED -> {
                JobSubmitted job = event.data(JobSubmitted.class);
                inModel(c -> c.submit(JobSubmissions.toRequest(job, event.envelope().time())));
            }
            case EventTypes.JOB_CANCELLATION_REQUESTED -> {
                JobCancellationRequested request = event.data(JobCancellationRequested.class);
                inModel(c -> c.cancel(request.jobId(), request.reason(), event.envelope().time()));
            }
            default -> throw new RejectedEventException(RejectionReason.UNSUPPORTED_TYPE, "type " + event.type()
                    + " is not consumed from " + event.topic() + " (expected " + EventTypes.JOB_SUBMITTED + " or "
                    + EventTypes.JOB_CANCELLATION_REQUESTED + ")");
        }
    }

    /** Applies a change to the model (a refusal becomes the event's rejection) and publishes its job steps. */
    private void inModel(Consumer<Cluster> change) {
        Cluster cluster = twin.clusterInHandler();
        try {
            change.accept(cluster);
        } catch (ClusterRejection e) {
            throw Rejections.asEventRejection(e);
        } finally {
            outputs.jobSteps(cluster);
        }
    }
}
