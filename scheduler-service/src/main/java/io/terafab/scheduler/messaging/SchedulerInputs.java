package io.terafab.scheduler.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.terafab.contract.AcceleratorAvailabilityPublished;
import io.terafab.contract.AcceleratorsAllocated;
import io.terafab.contract.AcceleratorsRemoved;
import io.terafab.contract.BudgetIssued;
import io.terafab.contract.EventTypes;
import io.terafab.contract.JobCancellationRequested;
import io.terafab.contract.JobSubmitted;
import io.terafab.contract.PowerConsumers;
import io.terafab.contract.Units;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.envelope.RejectionReason;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.messaging.InboundEventGate;
import io.terafab.scheduler.domain.AcceleratorOutlook;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.carbon.JobEnergyLedger;
import io.terafab.scheduler.twin.SchedulerTwin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What scheduler-service consumes, each channel handed to the gate with its handler: allocations
 * and removals of accelerators, the data center's power budgets, job submissions and
 * cancellations, and chip-service's accelerator availability. Each handler publishes the job steps its change caused.
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
 *   <li>{@code chips.availability}: one partition, one producer: the last availability read is
 *       the latest published and replaces the one held, whatever its {@code publishedAt}.</li>
 * </ul>
 */
@ApplicationScoped
public class SchedulerInputs {

    static final String ALLOCATIONS = "allocations";
    static final String REMOVALS = "removals";
    static final String POWER_BUDGET = "power-budget";
    static final String JOB_REQUESTS = "job-requests";
    static final String AVAILABILITY = "availability";

    @Inject
    InboundEventGate gate;

    @Inject
    SchedulerTwin twin;

    @Inject
    SchedulerOutputs outputs;

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(ALLOCATIONS)
    public CompletionStage<Void> allocations(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                ALLOCATIONS,
                batch,
                twin.on(EventTypes.ACCELERATORS_ALLOCATED, AcceleratorsAllocated.class, this::applyAllocation));
    }

    void applyAllocation(Cluster cluster, AcceleratorsAllocated allocation, InboundEvent event) {
        publishingSteps(
                cluster,
                c -> c.addAccelerators(allocation.requestId(), allocation.rackId(), allocation.acceleratorIds()));
        List<AcceleratorsAllocated.Origin> origins = allocation.origins() == null ? List.of() : allocation.origins();
        cluster.carbon()
                .installed(
                        allocation.rackId(),
                        allocation.acceleratorIds(),
                        origins.stream()
                                .map(o -> new JobEnergyLedger.Origin(
                                        o.batchId(),
                                        o.lotId(),
                                        o.accelerators(),
                                        o.embodiedWh(),
                                        o.embodiedCarbonGrams()))
                                .toList());
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(REMOVALS)
    public CompletionStage<Void> removals(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                REMOVALS,
                batch,
                twin.on(EventTypes.ACCELERATORS_REMOVED, AcceleratorsRemoved.class, this::applyRemoval));
    }

    void applyRemoval(Cluster cluster, AcceleratorsRemoved removal, InboundEvent event) {
        publishingSteps(
                cluster,
                c -> c.removeAccelerators(
                        removal.acceleratorIds(),
                        removal.reason(),
                        event.envelope().time()));
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(POWER_BUDGET)
    public CompletionStage<Void> powerBudget(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                POWER_BUDGET,
                batch,
                twin.on(
                        EventTypes.BUDGET_ISSUED,
                        event -> PowerConsumers.isAnotherConsumers(event.text("consumer"), PowerConsumers.DC),
                        BudgetIssued.class,
                        this::applyBudget));
    }

    void applyBudget(Cluster cluster, BudgetIssued budget, InboundEvent event) {
        publishingSteps(cluster, c -> c.applyBudget(Units.watts(budget.capMw()), budget.issuedAt()));
        BudgetIssued.Settled s = budget.settled();
        if (s != null) { // the grid's cost and carbon of the interval it just settled, for the jobs that drew it
            cluster.carbon()
                    .settle(new JobEnergyLedger.Settlement(
                            s.from(),
                            s.to(),
                            s.energyWh(),
                            s.carbonGrams(),
                            s.costMilliUsd(),
                            s.gramsPerKwh(),
                            s.usdPerMwh()));
        }
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(AVAILABILITY)
    public CompletionStage<Void> availability(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                AVAILABILITY,
                batch,
                twin.on(
                        EventTypes.ACCELERATOR_AVAILABILITY_PUBLISHED,
                        AcceleratorAvailabilityPublished.class,
                        this::applyAvailability));
    }

    /** Accelerators of any SKU per week: the cap of capacity requests and the date of the backlog. */
    void applyAvailability(Cluster cluster, AcceleratorAvailabilityPublished availability, InboundEvent event) {
        cluster.applyAvailability(new AcceleratorOutlook(
                availability.publishedAt(),
                availability.weeks().stream()
                        .map(w -> new AcceleratorOutlook.Week(
                                w.week(),
                                w.weekTo(),
                                w.accelerators().p10(),
                                w.accelerators().p50(),
                                w.accelerators().p90()))
                        .toList()));
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(JOB_REQUESTS)
    public CompletionStage<Void> jobRequests(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(JOB_REQUESTS, batch, event -> applyJobRequest(twin.locked(), event));
    }

    /** {@code jobs.requests} carries submissions and cancellations, keyed by job id so a job's stay in order. */
    void applyJobRequest(Cluster cluster, InboundEvent event) {
        switch (event.type()) {
            case EventTypes.JOB_SUBMITTED -> {
                JobSubmitted job = event.data(JobSubmitted.class);
                publishingSteps(
                        cluster,
                        c -> c.submit(
                                JobSubmissions.toRequest(job, event.envelope().time())));
            }
            case EventTypes.JOB_CANCELLATION_REQUESTED -> {
                JobCancellationRequested request = event.data(JobCancellationRequested.class);
                publishingSteps(
                        cluster,
                        c -> c.cancel(
                                request.jobId(),
                                request.reason(),
                                event.envelope().time()));
            }
            default ->
                throw new RejectedEventException(
                        RejectionReason.UNSUPPORTED_TYPE,
                        "type " + event.type()
                                + " is not consumed from " + event.topic() + " (expected " + EventTypes.JOB_SUBMITTED
                                + " or "
                                + EventTypes.JOB_CANCELLATION_REQUESTED + ")");
        }
    }

    /** Applies a change to the cluster and publishes the job steps it took, refused or not. */
    private void publishingSteps(Cluster cluster, Consumer<Cluster> change) {
        try {
            change.accept(cluster);
        } finally {
            outputs.jobSteps(cluster);
        }
    }
}
