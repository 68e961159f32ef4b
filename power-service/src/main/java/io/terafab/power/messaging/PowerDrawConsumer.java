package io.terafab.power.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.terafab.contract.EventTypes;
import io.terafab.contract.PowerDrawReported;
import io.terafab.platform.envelope.RejectedEventException;
import io.terafab.platform.messaging.InboundEvent;
import io.terafab.platform.messaging.InboundEventGate;
import io.terafab.power.domain.GridRejection;
import io.terafab.power.twin.PowerTwin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies the fab's and the data center's power-draw readings to the grid. Each topic carries one
 * consumer's readings: a reading naming another consumer is refused rather than applied, since it
 * would bypass that consumer's ordering.
 *
 * <p>Out of order: a consumer's readings apply in the order of their time {@code at}. A reading
 * older than the consumer's latest applied one is a replay or a clock problem upstream; applying
 * it would put an old demand back, so it is dead-lettered as {@code out-of-order}. One at the same
 * instant as the latest replaces it.
 */
@ApplicationScoped
public class PowerDrawConsumer {

    static final String FAB_CHANNEL = "fab-power-draw";
    static final String DC_CHANNEL = "dc-power-draw";
    static final String FAB = "fab";
    static final String DC = "dc";

    @Inject
    InboundEventGate gate;

    @Inject
    PowerTwin twin;

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(FAB_CHANNEL)
    public CompletionStage<Void> onFabDraw(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(FAB_CHANNEL, batch, event -> applyDraw(event, EventTypes.FAB_POWER_DRAW_REPORTED, FAB));
    }

    @Blocking // the batch runs under the state lock: keep it off the event loop that serves HTTP
    @Incoming(DC_CHANNEL)
    public CompletionStage<Void> onDcDraw(KafkaRecordBatch<String, byte[]> batch) {
        return gate.processBatch(DC_CHANNEL, batch, event -> applyDraw(event, EventTypes.DC_POWER_DRAW_REPORTED, DC));
    }

    void applyDraw(InboundEvent event, String type, String topicConsumer) {
        PowerDrawReported draw = event.expectType(type).data(PowerDrawReported.class);
        if (!draw.consumer().equals(topicConsumer)) {
            throw RejectedEventException.notAllowed(event.topic() + " carries readings of " + topicConsumer
                    + " only, this one is of " + draw.consumer());
        }
        try {
            twin.gridInHandler().recordDraw(draw.consumer(), draw.demandMw(), draw.drawMw(), draw.floorMw(),
                    draw.at());
        } catch (GridRejection e) {
            throw Rejections.of(e);
        }
    }
}
