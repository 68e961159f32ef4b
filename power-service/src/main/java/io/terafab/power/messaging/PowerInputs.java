package io.terafab.power.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.terafab.contract.EventTypes;
import io.terafab.contract.ImportCapChangeRequested;
import io.terafab.contract.MeterReadingReported;
import io.terafab.contract.PowerConsumers;
import io.terafab.contract.PowerDrawReported;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.messaging.InboundEventGate;
import io.terafab.platform.model.ModelRejection;
import io.terafab.power.domain.GridBalance;
import io.terafab.power.domain.MeterQuantity;
import io.terafab.power.domain.MeterReading;
import io.terafab.power.twin.PowerTwin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What power-service consumes, each channel handed to the gate with its handler.
 *
 * <p><b>fab-power-draw</b>, <b>dc-power-draw</b>: the fab's and the data center's draw. Each topic
 * carries one consumer's readings: a reading naming another consumer is refused rather than
 * applied, since it would bypass that consumer's ordering. Out of order: a consumer's readings
 * apply in the order of their time {@code at}. A reading older than the consumer's latest applied
 * one is a replay or a clock problem upstream; applying it would put an old demand back, so it is
 * dead-lettered as {@code out-of-order}. One at the same instant as the latest replaces it.
 *
 * <p><b>meter-readings</b>: integrators' meters — measured solar output, a changed grid import
 * limit, a battery's state of charge, a breaker. A reading of an unknown asset or out of its
 * asset's range goes to {@code sensor.meter-readings.dlq} with the model's reason. Out of order:
 * readings of one asset and quantity (one meter stream, keyed by meter id so they stay in order)
 * apply in the order of their time {@code at}; an older one would rewind what the grid was told
 * and is dead-lettered as {@code out-of-order}; one at the same instant is accepted (the later one
 * wins). Another quantity of the same asset has its own order.
 *
 * <p><b>commands</b>: operators' commands, power-service's own REST writes put on
 * {@code power.commands} by {@link PowerCommands}: an import cap applies from the next tick.
 * Commands apply in the order they were published (one partition); a later meter reading of the
 * grid's import limit may change the cap again.
 */
@ApplicationScoped
public class PowerInputs {

    static final String FAB_POWER_DRAW = "fab-power-draw";
    static final String DC_POWER_DRAW = "dc-power-draw";
    static final String METER_READINGS = "meter-readings";
    static final String COMMANDS = "commands";

    @Inject
    InboundEventGate gate;

    @Inject
    PowerTwin twin;

    @ConfigProperty(name = "twin.site", defaultValue = "terafab-1")
    String site;

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(FAB_POWER_DRAW)
    public CompletionStage<Void> fabPowerDraw(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                FAB_POWER_DRAW,
                batch,
                twin.on(
                        EventTypes.FAB_POWER_DRAW_REPORTED,
                        PowerDrawReported.class,
                        (grid, draw, event) -> applyDraw(grid, draw, event, PowerConsumers.FAB)));
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(DC_POWER_DRAW)
    public CompletionStage<Void> dcPowerDraw(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                DC_POWER_DRAW,
                batch,
                twin.on(
                        EventTypes.DC_POWER_DRAW_REPORTED,
                        PowerDrawReported.class,
                        (grid, draw, event) -> applyDraw(grid, draw, event, PowerConsumers.DC)));
    }

    void applyDraw(GridBalance grid, PowerDrawReported draw, InboundEvent event, String topicConsumer) {
        if (!draw.consumer().equals(topicConsumer)) {
            throw ModelRejection.notAllowed(event.topic() + " carries readings of " + topicConsumer
                    + " only, this one is of " + draw.consumer());
        }
        grid.recordDraw(draw.consumer(), draw.demandMw(), draw.drawMw(), draw.floorMw(), draw.at());
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(METER_READINGS)
    public CompletionStage<Void> meterReadings(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                METER_READINGS,
                batch,
                twin.on(EventTypes.METER_READING_REPORTED, MeterReadingReported.class, this::applyReading));
    }

    void applyReading(GridBalance grid, MeterReadingReported payload, InboundEvent event) {
        // the payload accepted only known quantities, so the lookup cannot miss
        MeterQuantity quantity = MeterQuantity.ofCode(payload.quantity()).orElseThrow();
        grid.recordMeterReading(
                new MeterReading(payload.meterId(), payload.asset(), quantity, payload.value(), payload.at()));
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(COMMANDS)
    public CompletionStage<Void> commands(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(
                COMMANDS,
                batch,
                twin.on(EventTypes.IMPORT_CAP_CHANGE_REQUESTED, ImportCapChangeRequested.class, this::applyImportCap));
    }

    void applyImportCap(GridBalance grid, ImportCapChangeRequested command, InboundEvent event) {
        if (!command.site().equals(site)) {
            throw ModelRejection.unknown("site " + command.site() + " is not this grid's (" + site + ")");
        }
        grid.setImportCap(command.capMw());
    }
}
