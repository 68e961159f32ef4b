package io.terafab.platform.clock;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Instant;
import java.util.Optional;

/** The clock settings, read under the same keys by every service. */
@ConfigMapping(prefix = "twin.clock")
public interface TwinClockConfig {

    /** Simulated instant at the anchor. */
    @WithDefault("2027-01-01T00:00:00Z")
    Instant epoch();

    /** Wall-clock instant at which simulated time equals the epoch; defaults to this process's start. */
    Optional<Instant> anchor();

    /** Simulated seconds per wall-clock second: 1 is real time, 3600 an hour a second. */
    @WithDefault("60")
    double speed();
}
