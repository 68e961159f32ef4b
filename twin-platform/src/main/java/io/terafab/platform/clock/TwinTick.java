package io.terafab.platform.clock;

import java.time.Instant;

/**
 * Moves a service's model along the twin clock. Declare one as an {@code @ApplicationScoped} bean
 * and {@link TwinTicker} runs it every {@code twin.tick.interval}, handing it the service's model
 * under the state lock and the simulated now: outputs it publishes join the outbox in the same
 * step as the change.
 *
 * @param <M> the model of the service's {@link io.terafab.platform.twin.Twin}
 */
public interface TwinTick<M> {

    void tick(M model, Instant simNow);
}
