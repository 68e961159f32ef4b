package io.terafab.fab.messaging;

import io.quarkus.runtime.Startup;
import io.terafab.contract.EventTypes;
import io.terafab.contract.PowerDrawReported;
import io.terafab.contract.WaferOutRecorded;
import io.terafab.fab.domain.FabPower;
import io.terafab.fab.domain.LiveFab;
import io.terafab.fab.domain.WaferOut;
import io.terafab.fab.twin.FabMetrics;
import io.terafab.fab.twin.FabTwin;
import io.terafab.platform.clock.TwinTicker;
import io.terafab.platform.messaging.EventPublisher;
import io.terafab.platform.messaging.OutgoingEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Runs the fab's discrete-event model in step with the twin clock and publishes what each tick
 * produced: one wafer-out per lot that left the line good (with its cycle time and lot class, also
 * recorded in the cycle-time histogram), and the fab's power at the tick's end, in total, per area,
 * and its floor (facility and idle tools), which the grid serves first when supply is short.
 * Both are published inside the tick's state change, so they are in the snapshot's outbox with the
 * change that caused them.
 */
@Startup
@ApplicationScoped
public class FabDriver {

    static final String WAFER_OUTS = "wafer-outs";
    static final String POWER_DRAW = "power-draw";
    static final String FAB = "fab";
    private static final double SECONDS_PER_DAY = 86_400;

    @Inject
    EventPublisher publisher;

    @Inject
    TwinTicker ticker;

    @Inject
    FabTwin twin;

    @Inject
    FabMetrics metrics;

    @Inject
    @Channel(WAFER_OUTS)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> waferOuts;

    @Inject
    @Channel(POWER_DRAW)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> powerDraw;

    @PostConstruct
    void start() {
        publisher.register(WAFER_OUTS, waferOuts);
        publisher.register(POWER_DRAW, powerDraw);
        ticker.every("fab", this::tick);
    }

    /** Runs under the state lock (see {@link TwinTicker}). */
    void tick(Instant simNow) {
        LiveFab fab = twin.fabInHandler();
        if (!fab.started()) {
            fab.start(simNow);
            return;
        }
        Instant before = fab.now().orElseThrow();
        if (!simNow.isAfter(before)) {
            return; // the clock has not moved past the fab (a restart with an earlier clock): nothing happened
        }
        List<WaferOut> outs = fab.advance(simNow);
        for (WaferOut out : outs) {
            double cycleTimeSeconds = out.cycleTime().toNanos() / 1e9;
            publisher.publish(WAFER_OUTS, new OutgoingEvent(EventTypes.WAFER_OUT_RECORDED, out.lotId(),
                    "wafer-out-" + out.lotId(), out.finishedAt(), new WaferOutRecorded(out.lotId(), out.product(),
                            out.wafers(), out.goodDiesByBin(), out.startedAt(), out.finishedAt(),
                            cycleTimeSeconds / SECONDS_PER_DAY, out.priority())));
            metrics.lotOut(out.product(), cycleTimeSeconds,
                    fab.rawProcessSeconds(out.product(), out.wafers()).orElse(Double.NaN));
        }
        FabPower power = fab.power();
        publisher.publish(POWER_DRAW, new OutgoingEvent(EventTypes.FAB_POWER_DRAW_REPORTED, FAB,
                "fab-power-" + simNow.toEpochMilli(), simNow,
                new PowerDrawReported(FAB, power.demandMw(), power.drawMw(), power.budgetMw(), simNow,
                        fab.drawByAreaMw(), power.floorMw())));
    }
}
