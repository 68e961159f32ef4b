package io.terafab.scheduler.messaging;

import io.terafab.platform.clock.TwinTick;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.TickReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The scheduler loop: every twin tick moves the cluster to the simulated now, then publishes the
 * job steps the tick took, the data center's draw and, when the queue passed a threshold, a
 * capacity request. The steps and the request are the tick's decisions: the ticker snapshots them
 * before they are sent ({@code EventPublisher.publishDecision}).
 */
@ApplicationScoped
public class SchedulerTick implements TwinTick<Cluster> {

    @Inject
    SchedulerOutputs outputs;

    @Override
    public void tick(Cluster cluster, Instant simNow) {
        TickReport report = cluster.tick(simNow);
        cluster.carbon().tick(cluster, report.at()); // books the interval to jobs at the draw reported for it
        outputs.jobSteps(cluster);
        outputs.powerDrawReported(report.power(), report.at());
        report.capacityRequest().ifPresent(outputs::capacityRequested);
    }
}
