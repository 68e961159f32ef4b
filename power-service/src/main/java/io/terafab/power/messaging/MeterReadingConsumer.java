package io.terafab.power.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.terafab.contract.EventTypes;
import io.terafab.contract.MeterReadingReported;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.messaging.InboundEventGate;
import io.terafab.power.domain.GridRejection;
import io.terafab.power.domain.MeterOutcome;
import io.terafab.power.domain.MeterQuantity;
import io.terafab.power.domain.MeterReading;
import io.terafab.power.twin.PowerTwin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies integrators' meter readings to the grid: measured solar output, a changed grid import
 * limit, a battery's state of charge, a breaker. A reading of an unknown asset or out of its
 * asset's range goes to {@code sensor.meter-readings.dlq} with the model's reason.
 */
@ApplicationScoped
public class MeterReadingConsumer {

    static final String CHANNEL = "meter-readings";

    private static final Logger LOG = Logger.getLogger(MeterReadingConsumer.class);

    @Inject
    InboundEventGate gate;

    @Inject
    PowerTwin twin;

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
        MeterOutcome outcome;
        try {
            outcome = twin.gridInHandler().recordMeterReading(reading);
        } catch (GridRejection e) {
            throw Rejections.of(e);
        }
        if (outcome == MeterOutcome.OUT_OF_ORDER) {
            // not an error: counted (terafab.power.meter.readings.out.of.order); say which event it was
            LOG.debugf("Ignored meter reading %s of %s %s at %s: older than one already accepted",
                    event.envelope().id(), payload.asset(), payload.quantity(), payload.at());
        }
    }
}
