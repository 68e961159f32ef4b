package io.terafab.platform.clock;

import java.time.Instant;

/**
 * Moves a service's model along the twin clock. Declare one as an {@code @ApplicationScoped} bean
 * and {@link TwinTicker} runs it every {@code twin.tick.interval}, under the state lock, with the
 * simulated now: outputs it publishes join the outbox in the same step as the change.
 */
public interface TwinTick {

    void tick(Instant simNow);
}
