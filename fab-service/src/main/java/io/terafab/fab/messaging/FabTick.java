package io.terafab.fab.messaging;

import io.terafab.fab.domain.LiveFab;
import io.terafab.fab.domain.WaferOut;
import io.terafab.fab.twin.FabMetrics;
import io.terafab.platform.clock.TwinTick;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * Runs the fab's discrete-event model in step with the twin clock and publishes what each tick
 * produced: a wafer-out per lot that left the line good (also recorded in the cycle-time
 * histogram), and the fab's power at the tick's end, which the grid serves first when supply is
 * short.
 */
@ApplicationScoped
public class FabTick implements TwinTick<LiveFab> {

    /**
     * The most simulated time one tick advances the fab. A tick holds the state lock, so after the
     * model fell behind the clock (a slow or busy machine, a pause) it catches up over several
     * ticks, with inputs, snapshots and shutdown served in between, instead of in one long hold.
     */
    static final Duration MAX_SPAN = Duration.ofDays(1);

    @Inject
    FabOutputs outputs;

    @Inject
    FabMetrics metrics;

    @Override
    public void tick(LiveFab fab, Instant simNow) {
        if (!fab.started()) {
            fab.start(simNow);
            return;
        }
        if (!simNow.isAfter(fab.now().orElseThrow())) {
            return; // the clock has not moved past the fab (a restart with an earlier clock): nothing happened
        }
        Instant to = Collections.min(List.of(simNow, fab.now().orElseThrow().plus(MAX_SPAN)));
        for (WaferOut out : fab.advance(to)) {
            outputs.waferOut(out);
            metrics.lotOut(
                    out.product(),
                    out.cycleTime().toNanos() / 1e9,
                    fab.rawProcessSeconds(out.product(), out.wafers()).orElse(Double.NaN));
        }
        outputs.powerDraw(fab.power(), fab.drawByAreaMw(), to);
    }
}
