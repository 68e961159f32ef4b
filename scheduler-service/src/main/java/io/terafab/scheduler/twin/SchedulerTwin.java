package io.terafab.scheduler.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.contract.Units;
import io.terafab.platform.state.StateKeeper;
import io.terafab.platform.twin.Twin;
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

/** Holds the cluster behind the state lock. */
@ApplicationScoped
public class SchedulerTwin extends Twin<Cluster> {

    private static final double SECONDS_PER_HOUR = 3600;

    /** 1: the first scheduler's (or a version-less) snapshot; 2: {@link SchedulerState}. */
    private static final int MODEL_VERSION = 2;

    private final List<String> namedTenants;
    private final List<String> priorityClassNames;

    @Inject
    public SchedulerTwin(StateKeeper state, SchedulerConfig config) {
        this(state, config, config.workload().enabled() ? workload(config.workload()) : null);
    }

    private SchedulerTwin(StateKeeper state, SchedulerConfig config, Workload workload) {
        super(state, new Cluster(clusterSettings(config), workload));
        TreeSet<String> tenants = new TreeSet<>(config.fairShare().weights().keySet());
        if (workload != null) {
            tenants.addAll(workload.tenants());
        }
        this.namedTenants = List.copyOf(tenants);
        this.priorityClassNames = model().settings().priorityClasses().highestFirst().stream()
                .map(PriorityClass::name)
                .toList();
    }

    static ClusterSettings clusterSettings(SchedulerConfig config) {
        PowerModel power = new PowerModel(
                config.acceleratorPower() * Units.WATTS_PER_KILOWATT,
                config.idlePower() * Units.WATTS_PER_KILOWATT,
                config.pue(),
                config.power().minShare(),
                config.power().startShare(),
                config.power().slowdownExponent());
        List<PriorityClass> classes = new ArrayList<>();
        config.priorityClasses().forEach((name, c) -> classes.add(new PriorityClass(name, c.value(), c.preemptible())));
        return new ClusterSettings(
                power,
                config.racksPerPod(),
                new PriorityClasses(classes, config.defaultPriorityClass()),
                new FairShareSettings(
                        config.fairShare().weights(),
                        config.fairShare().defaultWeight(),
                        config.fairShare().usageHalfLife()),
                config.preemptionWait(),
                new CapacitySettings(
                        config.capacity().backlogThreshold(),
                        config.capacity().waitThreshold(),
                        config.rackSize(),
                        config.capacity().retry()),
                config.maxJobAccelerators(),
                config.endedHistory());
    }

    static Workload workload(SchedulerConfig.WorkloadConfig config) {
        List<WorkloadProfile> profiles = new ArrayList<>();
        config.profiles()
                .forEach((name, p) -> profiles.add(new WorkloadProfile(
                        name,
                        p.weight(),
                        p.tenants(),
                        p.kind(),
                        p.sizes(),
                        p.sizeWeights(),
                        hours(p.minDuration()),
                        hours(p.maxDuration()),
                        p.priorityClass(),
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

    @Override
    public JsonNode exportState(ObjectMapper mapper) {
        return mapper.valueToTree(model().state());
    }

    @Override
    public int modelVersion() {
        return MODEL_VERSION;
    }

    /** From version 1: a snapshot of the first scheduler is converted, one of the current form read as it is. */
    @Override
    public JsonNode migrate(JsonNode snapshot, int from, ObjectMapper mapper) {
        return LegacySnapshot.isLegacy(snapshot)
                ? mapper.valueToTree(
                        LegacySnapshot.convert(snapshot, model().settings().priorityClasses()))
                : snapshot;
    }

    @Override
    public void importState(JsonNode snapshot, ObjectMapper mapper) {
        model().restore(mapper.convertValue(snapshot, SchedulerState.class));
    }
}
