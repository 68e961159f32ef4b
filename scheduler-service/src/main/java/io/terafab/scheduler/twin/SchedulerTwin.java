package io.terafab.scheduler.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.state.TwinStateful;
import io.terafab.scheduler.domain.CapacitySettings;
import io.terafab.scheduler.domain.Cluster;
import io.terafab.scheduler.domain.ClusterSettings;
import io.terafab.scheduler.domain.FairShareSettings;
import io.terafab.scheduler.domain.PowerModel;
import io.terafab.scheduler.domain.PriorityClass;
import io.terafab.scheduler.domain.PriorityClasses;
import io.terafab.scheduler.domain.SchedulerState;
import io.terafab.scheduler.domain.Workload;
import io.terafab.scheduler.domain.WorkloadProfile;
import io.terafab.scheduler.domain.WorkloadSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/** Holds the cluster; every read and change goes through the state lock. */
@ApplicationScoped
public class SchedulerTwin implements TwinStateful {

    private static final double WATTS_PER_KILOWATT = 1000;
    private static final double SECONDS_PER_HOUR = 3600;

    @Inject
    StateKeeper state;

    private final Cluster cluster;
    private final List<String> namedTenants;
    private final List<String> priorityClassNames;

    @Inject
    public SchedulerTwin(SchedulerConfig config) {
        Workload workload = config.workload().enabled() ? workload(config.workload()) : null;
        this.cluster = new Cluster(clusterSettings(config), workload);
        TreeSet<String> tenants = new TreeSet<>(config.fairShare().weights().keySet());
        if (workload != null) {
            tenants.addAll(workload.tenants());
        }
        this.namedTenants = List.copyOf(tenants);
        this.priorityClassNames = cluster.settings().priorityClasses().highestFirst().stream()
                .map(PriorityClass::name).toList();
    }

    static ClusterSettings clusterSettings(SchedulerConfig config) {
        PowerModel power = new PowerModel(config.acceleratorPower() * WATTS_PER_KILOWATT,
                config.idlePower() * WATTS_PER_KILOWATT, config.pue(), config.power().minShare(),
                config.power().startShare(), config.power().slowdownExponent());
        List<PriorityClass> classes = new ArrayList<>();
        config.priorityClasses().forEach((name, c) -> classes.add(new PriorityClass(name, c.value(), c.preemptible())));
        return new ClusterSettings(power, config.racksPerPod(),
                new PriorityClasses(classes, config.defaultPriorityClass()),
                new FairShareSettings(config.fairShare().weights(), config.fairShare().defaultWeight(),
                        config.fairShare().usageHalfLife()),
                config.preemptionWait(),
                new CapacitySettings(config.capacity().backlogThreshold(), config.capacity().waitThreshold(),
                        config.rackSize(), config.capacity().retry()),
                config.maxJobAccelerators(), config.endedHistory());
    }

    static Workload workload(SchedulerConfig.WorkloadConfig config) {
        List<WorkloadProfile> profiles = new ArrayList<>();
        config.profiles().forEach((name, p) -> profiles.add(new WorkloadProfile(name, p.weight(), p.tenants(), p.kind(),
                p.sizes(), p.sizeWeights(), hours(p.minDuration()), hours(p.maxDuration()), p.priorityClass(),
                p.preemptible())));
        profiles.sort((a, b) -> a.name().compareTo(b.name())); // one order whatever the map's: one seed, one stream
        return new Workload(new WorkloadSettings(config.meanInterarrival(), config.seed(), profiles));
    }

    private static double hours(Duration duration) {
        return duration.toMillis() / 1000.0 / SECONDS_PER_HOUR;
    }

    /** Tenants metrics are tagged with (configured weights and workload tenants); others are counted as {@code other}. */
    public List<String> namedTenants() {
        return namedTenants;
    }

    /** The configured priority classes, highest first. */
    public List<String> priorityClassNames() {
        return priorityClassNames;
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
        if (LegacySnapshot.isLegacy(snapshot)) {
            cluster.restore(LegacySnapshot.convert(snapshot, cluster.settings().priorityClasses()));
            return;
        }
        cluster.restore(mapper.convertValue(snapshot, SchedulerState.class));
    }
}
