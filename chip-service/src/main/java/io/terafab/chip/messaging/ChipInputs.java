package io.terafab.chip.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.terafab.chip.domain.ChipInventory;
import io.terafab.chip.domain.SupplyForecast;
import io.terafab.chip.twin.ChipTwin;
import io.terafab.contract.AcceleratorHealthReported;
import io.terafab.contract.AcceleratorReturnRequested;
import io.terafab.contract.AcceleratorScrapRequested;
import io.terafab.contract.CapacityRequested;
import io.terafab.contract.EventTypes;
import io.terafab.contract.ForecastPublished;
import io.terafab.contract.JobCancelled;
import io.terafab.contract.JobCompleted;
import io.terafab.contract.JobFailed;
import io.terafab.contract.JobPaused;
import io.terafab.contract.JobPreempted;
import io.terafab.contract.JobQueued;
import io.terafab.contract.JobResumed;
import io.terafab.contract.JobStarted;
import io.terafab.contract.WaferOutRecorded;
import io.terafab.platform.messaging.EventHandler;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.messaging.InboundEventGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What chip-service consumes, each channel handed to the gate with its handler: wafer-outs,
 * capacity requests, accelerator health reports, the scheduler's job steps (which racks each job
 * ran on, for lot lineage), the fab's supply forecasts and operators' commands (its own REST writes,
 * put on {@code chips.commands} by {@link ChipCommands}). Installs are not published here: they happen
 * on the tick after the install lead time.
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
 *   <li>{@code jobs.events}: one job's steps come in order (key = job id); a step is applied as it
 *       comes and none is refused for its order ({@link io.terafab.chip.domain.JobsOnRacks}: a start
 *       on a rack the job already runs on keeps the run, an end of a job with no open run changes
 *       nothing).</li>
 *   <li>{@code fab.forecasts}: one partition, one producer: the last forecast read is the latest
 *       published and replaces the one held, whatever its {@code from}.</li>
 * </ul>
 */
@ApplicationScoped
public class ChipInputs {

    static final String WAFER_OUTS = "wafer-outs";
    static final String CAPACITY_REQUESTS = "capacity-requests";
    static final String ACCELERATOR_HEALTH = "accelerator-health";
    static final String COMMANDS = "commands";
    static final String JOB_EVENTS = "job-events";
    static final String FORECASTS = "forecasts";

    @Inject
    InboundEventGate gate;

    @Inject
    ChipOutputs outputs;

    @Inject
    ChipTwin twin;

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(WAFER_OUTS)
    public CompletionStage<Void> waferOuts(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                WAFER_OUTS, batch, twin.on(EventTypes.WAFER_OUT_RECORDED, WaferOutRecorded.class, this::applyWaferOut));
    }

    void applyWaferOut(ChipInventory inventory, WaferOutRecorded waferOut, InboundEvent event) {
        Map<String, Long> chips = inventory.recordWaferOut(
                waferOut.lotId(),
                waferOut.product(),
                waferOut.goodDiesByBin(),
                event.envelope().time());
        inventory
                .embodied()
                .recordLot(waferOut.lotId(), waferOut.energyWh(), waferOut.carbonGrams(), waferOut.goodDies(), chips);
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(CAPACITY_REQUESTS)
    public CompletionStage<Void> capacityRequests(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                CAPACITY_REQUESTS,
                batch,
                twin.on(EventTypes.CAPACITY_REQUESTED, CapacityRequested.class, this::applyCapacityRequest));
    }

    void applyCapacityRequest(ChipInventory inventory, CapacityRequested request, InboundEvent event) {
        inventory.requestCapacity(
                request.requestId(),
                request.accelerators(),
                request.sku(),
                request.priority(),
                event.envelope().time());
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(ACCELERATOR_HEALTH)
    public CompletionStage<Void> acceleratorHealth(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                ACCELERATOR_HEALTH,
                batch,
                twin.on(
                        EventTypes.ACCELERATOR_HEALTH_REPORTED,
                        AcceleratorHealthReported.class,
                        this::applyHealthReport));
    }

    void applyHealthReport(ChipInventory inventory, AcceleratorHealthReported report, InboundEvent event) {
        inventory
                .reportHealth(
                        report.acceleratorId(), report.rackId(), report.failed(), report.reason(), report.observedAt())
                .ifPresent(outputs::removed);
    }

    /**
     * Every step of {@code jobs.events} is read (an invalid one is dead-lettered like any input's); a
     * start or a resume records the job on the racks it names, a preemption or an end closes its runs;
     * a queued or paused step changes nothing here.
     */
    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(JOB_EVENTS)
    public CompletionStage<Void> jobEvents(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                JOB_EVENTS,
                batch,
                EventHandler.byType(Map.of(
                        EventTypes.JOB_QUEUED,
                        twin.on(EventTypes.JOB_QUEUED, JobQueued.class, (inventory, step, event) -> {}),
                        EventTypes.JOB_STARTED,
                        twin.on(
                                EventTypes.JOB_STARTED,
                                JobStarted.class,
                                (inventory, s, event) ->
                                        ran(inventory, s.jobId(), s.tenant(), s.rackIds(), s.startedAt())),
                        EventTypes.JOB_RESUMED,
                        twin.on(
                                EventTypes.JOB_RESUMED,
                                JobResumed.class,
                                (inventory, r, event) ->
                                        ran(inventory, r.jobId(), r.tenant(), r.rackIds(), r.resumedAt())),
                        EventTypes.JOB_PAUSED,
                        twin.on(EventTypes.JOB_PAUSED, JobPaused.class, (inventory, step, event) -> {}),
                        EventTypes.JOB_PREEMPTED,
                        twin.on(
                                EventTypes.JOB_PREEMPTED,
                                JobPreempted.class,
                                (inventory, p, event) ->
                                        inventory.jobs().stopped(p.jobId(), p.preemptedAt(), "preempted")),
                        EventTypes.JOB_COMPLETED,
                        twin.on(
                                EventTypes.JOB_COMPLETED,
                                JobCompleted.class,
                                (inventory, c, event) ->
                                        inventory.jobs().stopped(c.jobId(), c.completedAt(), "completed")),
                        EventTypes.JOB_FAILED,
                        twin.on(
                                EventTypes.JOB_FAILED,
                                JobFailed.class,
                                (inventory, f, event) -> inventory.jobs().stopped(f.jobId(), f.failedAt(), "failed")),
                        EventTypes.JOB_CANCELLED,
                        twin.on(
                                EventTypes.JOB_CANCELLED,
                                JobCancelled.class,
                                (inventory, c, event) ->
                                        inventory.jobs().stopped(c.jobId(), c.cancelledAt(), "cancelled")))));
    }

    /** A step from a producer that names no racks ({@code rackIds} null) has nothing to record. */
    private static void ran(ChipInventory inventory, String jobId, String tenant, List<String> rackIds, Instant at) {
        if (rackIds != null) {
            inventory.jobs().ran(jobId, tenant, rackIds, at);
        }
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(FORECASTS)
    public CompletionStage<Void> forecasts(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                FORECASTS,
                batch,
                twin.on(EventTypes.FAB_FORECAST_PUBLISHED, ForecastPublished.class, this::applyForecast));
    }

    /**
     * The fab's forecast replaces the one held, and the availability it gives with the stock of
     * the inventory's last tick is published at once.
     */
    void applyForecast(ChipInventory inventory, ForecastPublished forecast, InboundEvent event) {
        inventory.receiveForecast(new SupplyForecast(
                forecast.fab(),
                forecast.from(),
                forecast.weeks().stream()
                        .map(w -> new SupplyForecast.Week(
                                w.week(),
                                w.weekFrom(),
                                w.weekTo(),
                                w.goodDiesBySku().entrySet().stream()
                                        .collect(Collectors.toMap(
                                                Map.Entry::getKey,
                                                e -> new SupplyForecast.Dies(
                                                        e.getValue().p10(),
                                                        e.getValue().p50(),
                                                        e.getValue().p90())))))
                        .toList()));
        inventory
                .availability(inventory.lastTick().orElse(event.envelope().time()))
                .ifPresent(outputs::availability);
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(COMMANDS)
    public CompletionStage<Void> commands(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                COMMANDS,
                batch,
                EventHandler.byType(Map.of(
                        EventTypes.ACCELERATOR_RETURN_REQUESTED,
                        twin.on(
                                EventTypes.ACCELERATOR_RETURN_REQUESTED,
                                AcceleratorReturnRequested.class,
                                this::applyReturn),
                        EventTypes.ACCELERATOR_SCRAP_REQUESTED,
                        twin.on(
                                EventTypes.ACCELERATOR_SCRAP_REQUESTED,
                                AcceleratorScrapRequested.class,
                                this::applyScrap))));
    }

    /** At the command's time ({@code ce_time}, stamped when the operator asked), so a replay disposes of it alike. */
    void applyReturn(ChipInventory inventory, AcceleratorReturnRequested command, InboundEvent event) {
        inventory.returnFailed(command.acceleratorId(), event.envelope().time());
    }

    void applyScrap(ChipInventory inventory, AcceleratorScrapRequested command, InboundEvent event) {
        inventory.scrapFailed(command.acceleratorId(), event.envelope().time());
    }
}
