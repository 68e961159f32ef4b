package io.terafab.scheduler.messaging;

import io.quarkus.runtime.Startup;
import io.terafab.platform.clock.TwinTicker;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.TickReport;
import io.terafab.scheduler.twin.SchedulerTwin;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The scheduler loop: every twin tick moves the cluster to the simulated now, then publishes the
 * job steps the tick took, the data center's draw and, when the queue passed a threshold, a
 * capacity request. Runs under the state lock, so the events join the snapshot outbox with the
 * change that caused them.
 */
@Startup
@ApplicationScoped
public class ClusterLoop {

    @Inject
    TwinTicker ticker;

    @Inject
    SchedulerTwin twin;

    @Inject
    SchedulerOutputs outputs;

    @PostConstruct
    void start() {
        ticker.every("scheduler", this::tick);
    }

    void tick(Instant simNow) {
        Cluster cluster = twin.clusterInHandler();
        TickReport report = cluster.tick(simNow);
        outputs.jobSteps(cluster);
        outputs.powerDrawReported(report.power(), report.at());
        report.capacityRequest().ifPresent(outputs::capacityRequested);
    }
}
