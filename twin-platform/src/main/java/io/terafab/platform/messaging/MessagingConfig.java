package io.terafab.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits and measurements of the inbound path. */
@ConfigMapping(prefix = "twin.messaging")
public interface MessagingConfig {

    /**
     * Largest payload a service accepts. Every event of the contract is well under 10 kB; a record
     * far above that is a producer's bug, and parsing it would cost every other event its latency.
     */
    @WithDefault("262144")
    int maxPayloadBytes();

    /**
     * Window of the ingest latency percentiles published with the metrics (creation of a record to
     * its application). Short enough that a past backlog stops showing after a while.
     */
    @WithDefault("1m")
    Duration latencyWindow();

    /** First wait before re-sending what the broker refused; each failed retry doubles it. */
    @WithDefault("1s")
    Duration retryBackoffInitial();

    /**
     * Longest wait between two re-sends of what the broker refused: a broker back from an outage
     * gets the owed outputs within this.
     */
    @WithDefault("30s")
    Duration retryBackoffMax();
}
