package io.terafab.platform.state;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How a service keeps its state across restarts. */
@ConfigMapping(prefix = "twin.state")
public interface StateConfig {

    /** Off only for throwaway runs: the service then starts empty and Kafka's committed offsets decide where it resumes. */
    @WithDefault("true")
    boolean enabled();

    /** Compacted topic holding the snapshots; defaults to {@code <application name>.state}. */
    Optional<String> topic();

    /** Key of this instance's snapshot, and the base of its consumers' static group membership. */
    Optional<String> instanceId();

    /** How often (wall time) the state is snapshotted when it changed. */
    @WithDefault("5s")
    Duration snapshotInterval();

    /** How many recently applied event ids are remembered to drop re-published duplicates. */
    @WithDefault("10000")
    int dedupWindow();

    /** How long to wait for the snapshot topic at start before failing with a clear error. */
    @WithDefault("60s")
    Duration restoreTimeout();

    /**
     * Outputs owed before inputs and ticks wait for the broker to acknowledge some (backpressure).
     * At about 1 kB an event in memory and in the snapshot, the default keeps both near 10 MB, and
     * still holds several minutes of the busiest service's outputs (the scheduler's job events).
     */
    @WithDefault("10000")
    int outboxCapacity();

    /**
     * Readiness turns DOWN when the state has gone this long without a good snapshot (twelve of the
     * default intervals): a crash would then replay that much, and a failing snapshot needs an operator.
     */
    @WithDefault("60s")
    Duration maxSnapshotAge();
}
