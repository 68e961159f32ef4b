package io.terafab.power.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.terafab.contract.EventTypes;
import io.terafab.contract.MeterReadingReported;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.messaging.InboundEventGate;
import io.terafab.power.domain.GridRejection;
import io.terafab.power.domain.MeterQuantity;
import io.terafab.power.domain.MeterReading;
import io.terafab.power.twin.PowerTwin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies integrators' meter readings to the grid: measured solar output, a changed grid import
 * limit, a battery's state of charge, a breaker. A reading of an unknown asset or out of its
 * asset's range goes to {@code sensor.meter-readings.dlq} with the model's reason.
 *
 * <p>Out of order: readings of one asset and quantity (one meter stream, keyed by meter id so they
 * stay in order) apply in the order of their time {@code at}. A reading older than one already
 * accepted for the same asset and quantity would rewind what the grid was told, so it is
 * dead-lettered as {@code out-of-order}; one at the same instant is accepted (the later one wins).
 * Another quantity of the same asset has its own order.
 */
@ApplicationScoped
public class MeterReadingConsumer {

    static final String CHANNEL = "meter-readings";

    @Inject
    InboundEventGate gate;

    @Inject
    PowerTwin twin;

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(CHANNEL)
    public CompletionStage<Void> onReading(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(CHANNEL, batch, this::applyReading);
    }

    void applyReading(InboundEvent event) {
        MeterReadingReported payload = event.expectType(EventTypes.METER_READING_REPORTED)
                .data(MeterReadingReported.class);
        // the payload accepted only known quantities, so the lookup cannot miss
        MeterQuantity quantity = MeterQuantity.ofCode(payload.quantity()).orElseThrow();
        MeterReading reading = new MeterReading(payload.meterId(), payload.asset(), quantity, payload.value(),
                payload.at());
        try {
            twin.gridInHandler().recordMeterReading(reading);
        } catch (GridRejection e) {
            throw Rejections.of(e);
        }
    }
}
