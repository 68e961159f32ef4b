package io.terafab.scheduler.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.state.TwinStateful;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.ClusterSettings;
import io.terafab.scheduler.domain.SchedulerState;
import io.terafab.scheduler.domain.Workload;
import io.terafab.scheduler.domain.WorkloadSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Function;

/** Holds the cluster; every read and change goes through the state lock. */
@ApplicationScoped
public class SchedulerTwin implements TwinStateful {

    private static final double WATTS_PER_KILOWATT = 1000;
    private static final double SECONDS_PER_HOUR = 3600;

    @Inject
    StateKeeper state;

    private final Cluster cluster;

    @Inject
    public SchedulerTwin(SchedulerConfig config) {
        this.cluster = new Cluster(clusterSettings(config), config.workload().enabled() ? workload(config.workload()) : null);
    }

    static ClusterSettings clusterSettings(SchedulerConfig config) {
        return new ClusterSettings(config.acceleratorPower() * WATTS_PER_KILOWATT, config.idlePower() * WATTS_PER_KILOWATT,
                config.pue(), config.maxJobAccelerators(), config.capacityRequestThreshold(), config.rackSize(),
                config.capacityRequestRetry(), config.completedHistory());
    }

    static Workload workload(SchedulerConfig.WorkloadConfig config) {
        return new Workload(new WorkloadSettings(config.meanInterarrival(), config.seed(), config.sizes(),
                config.sizeWeights(), hours(config.minDuration()), hours(config.maxDuration()), config.tenants(),
                config.inferenceTenants()));
    }

    private static double hours(Duration duration) {
        return duration.toMillis() / 1000.0 / SECONDS_PER_HOUR;
    }

    /** Reads the cluster under the state lock. */
    public <T> T read(Function<Cluster, T> query) {
        return state.read(() -> query.apply(cluster));
    }

    /** Changes the cluster under the state lock (a REST command); events published inside join the outbox. */
    public <T> T change(Function<Cluster, T> command) {
        return state.locked(() -> command.apply(cluster));
    }

    /** The cluster itself, for event handlers and ticks that already run under the state lock. */
    public Cluster clusterInHandler() {
        return cluster;
    }

    @Override
    public JsonNode exportState(ObjectMapper mapper) {
        return mapper.valueToTree(cluster.state());
    }

    @Override
    public void importState(JsonNode snapshot, ObjectMapper mapper) {
        cluster.restore(mapper.convertValue(snapshot, SchedulerState.class));
    }
}
