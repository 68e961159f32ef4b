package io.terafab.fab.messaging;

import io.quarkus.runtime.Startup;
import io.terafab.contract.EventTypes;
import io.terafab.contract.ForecastPublished;
import io.terafab.contract.PowerConsumers;
import io.terafab.contract.PowerDrawReported;
import io.terafab.contract.WaferOutRecorded;
import io.terafab.fab.domain.FabForecaster;
import io.terafab.fab.domain.FabPower;
import io.terafab.fab.domain.WaferOut;
import io.terafab.platform.messaging.EventPublisher;
import io.terafab.platform.messaging.OutgoingEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The events fab-service publishes. Call each method from inside the state change that caused
 * the event (the tick), so the event joins the snapshot's outbox with it; each id is derived from
 * what caused it, so a re-publication after a restart is dropped downstream.
 */
@Startup
@ApplicationScoped
public class FabOutputs {

    static final String WAFER_OUTS = "wafer-outs";
    static final String POWER_DRAW = "power-draw";
    static final String FORECASTS = "forecasts";
    private static final double SECONDS_PER_DAY = 86_400;

    @Inject
    EventPublisher publisher;

    @Inject
    @Channel(WAFER_OUTS)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> waferOuts;

    @Inject
    @Channel(POWER_DRAW)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> powerDraw;

    @Inject
    @Channel(FORECASTS)
    @OnOverflow(OnOverflow.Strategy.BUFFER)
    Emitter<Object> forecasts;

    @PostConstruct
    void register() {
        publisher.register(Map.of(WAFER_OUTS, waferOuts, POWER_DRAW, powerDraw, FORECASTS, forecasts));
    }

    /**
     * The fab's latest supply forecast, on the compacted topic under the fab's name; call it under
     * the state lock. Its id names the fork instant, so a forecast re-published after a restart is dropped downstream.
     */
    public void forecast(FabForecaster.Forecast forecast, String fab, Instant publishedAt) {
        List<ForecastPublished.Week> weeks = new ArrayList<>();
        for (FabForecaster.Week w : forecast.weeks()) {
            Map<String, ForecastPublished.Band> dies = new LinkedHashMap<>();
            w.goodDiesBySku().forEach((sku, b) -> dies.put(sku, band(b)));
            weeks.add(new ForecastPublished.Week(w.week(), w.from(), w.to(), band(w.wafersOut()), dies));
        }
        publisher.publish(
                FORECASTS,
                new OutgoingEvent(
                        EventTypes.FAB_FORECAST_PUBLISHED,
                        fab,
                        "fab-forecast-" + forecast.from().toEpochMilli(),
                        publishedAt,
                        new ForecastPublished(fab, forecast.from(), forecast.replications(), weeks, publishedAt)));
    }

    private static ForecastPublished.Band band(FabForecaster.Band b) {
        return new ForecastPublished.Band(b.p10(), b.p50(), b.p90());
    }

    /**
     * A lot that left the line good, with its cycle time, lot class, energy and carbon. A tick's
     * decision, sent once a snapshot holds it: a fab restored after a crash applies the power
     * budgets at other points of its simulated time, so the same lot can leave at another instant
     * with other energy.
     */
    void waferOut(WaferOut out) {
        double cycleTimeDays = out.cycleTime().toNanos() / 1e9 / SECONDS_PER_DAY;
        publisher.publishDecision(
                WAFER_OUTS,
                new OutgoingEvent(
                        EventTypes.WAFER_OUT_RECORDED,
                        out.lotId(),
                        "wafer-out-" + out.lotId(),
                        out.finishedAt(),
                        new WaferOutRecorded(
                                out.lotId(),
                                out.product(),
                                out.wafers(),
                                out.goodDiesByBin(),
                                out.startedAt(),
                                out.finishedAt(),
                                cycleTimeDays,
                                out.priority(),
                                out.energyWh(),
                                out.carbonGrams())));
    }

    /** The fab's power at a tick's end: in total, per area, and its floor (facility and idle tools). */
    void powerDraw(FabPower power, Map<String, Double> drawByAreaMw, Instant at) {
        publisher.publish(
                POWER_DRAW,
                new OutgoingEvent(
                        EventTypes.FAB_POWER_DRAW_REPORTED,
                        PowerConsumers.FAB,
                        "fab-power-" + at.toEpochMilli(),
                        at,
                        new PowerDrawReported(
                                PowerConsumers.FAB,
                                power.demandMw(),
                                power.drawMw(),
                                power.budgetMw(),
                                at,
                                drawByAreaMw,
                                power.floorMw())));
    }
}
