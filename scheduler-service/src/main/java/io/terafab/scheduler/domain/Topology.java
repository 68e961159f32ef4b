package io.terafab.scheduler.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The installed accelerators, grouped in racks as chip-service installs them and racks grouped in
 * pods of {@code racksPerPod} in the order they arrived, and which accelerators are free. Knows
 * nothing of jobs: it places gangs ({@link GangPlacement}), takes and releases accelerators.
 */
public final class Topology {

    private final int racksPerPod;
    private final Map<String, Rack> racksById = new HashMap<>();
    private final List<Rack> racks = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();
    private final Map<String, Rack> rackOfAccelerator = new HashMap<>();
    /** Racks by their free accelerators, then arrival: what lets a placement find racks without a scan. */
    private final RacksByFree byFree = new RacksByFree();

    private int free;

    public Topology(int racksPerPod) {
        if (racksPerPod < 1) {
            throw new IllegalArgumentException("racks per pod must be at least 1, was " + racksPerPod);
        }
        this.racksPerPod = racksPerPod;
    }

    // ---- changes -------------------------------------------------------------------------------

    /** Installs accelerators (not installed before, checked by the caller) into a rack, free. */
    void install(String rackId, Collection<String> ids) {
        Rack rack = racksById.computeIfAbsent(rackId, this::newRack);
        byFree.remove(rack);
        for (String id : ids) {
            rack.installed.add(id);
            rack.free.add(id);
            rackOfAccelerator.put(id, rack);
        }
        rack.pod.free += ids.size();
        free += ids.size();
        byFree.add(rack);
    }

    private Rack newRack(String rackId) {
        int index = racks.size();
        int podIndex = index / racksPerPod;
        if (podIndex == pods.size()) {
            pods.add(new Pod(podIndex));
        }
        Pod pod = pods.get(podIndex);
        Rack rack = new Rack(rackId, index, pod);
        racks.add(rack);
        pod.racks.add(rack);
        return rack;
    }

    /** Places a gang on free accelerators and takes them; empty when fewer are free. */
    Optional<Placement> place(int gang) {
        if (gang < 1 || gang > free) {
            return Optional.empty();
        }
        return Optional.of(GangPlacement.place(this, gang));
    }

    /** Takes {@code count} free accelerators of a rack, lowest ids first. */
    List<String> takeFrom(Rack rack, int count) {
        byFree.remove(rack);
        List<String> taken = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            taken.add(rack.free.pollFirst());
        }
        rack.pod.free -= count;
        free -= count;
        byFree.add(rack);
        return taken;
    }

    /** Takes named free accelerators (a restored gang). */
    void take(Collection<String> ids) {
        for (String id : ids) {
            Rack rack = rackOfAccelerator.get(id);
            byFree.remove(rack);
            if (rack.free.remove(id)) {
                rack.pod.free--;
                free--;
            }
            byFree.add(rack);
        }
    }

    /** Frees the accelerators of a gang that still are installed. */
    void release(Collection<String> ids) {
        for (String id : ids) {
            Rack rack = rackOfAccelerator.get(id);
            if (rack == null) {
                continue; // removed while the gang held it
            }
            byFree.remove(rack);
            if (rack.free.add(id)) {
                rack.pod.free++;
                free++;
            }
            byFree.add(rack);
        }
    }

    /** Takes accelerators out of the cluster, free or not (the caller releases their job first). */
    void remove(Collection<String> ids) {
        for (String id : ids) {
            Rack rack = rackOfAccelerator.remove(id);
            if (rack == null) {
                continue;
            }
            byFree.remove(rack);
            rack.installed.remove(id);
            if (rack.free.remove(id)) {
                rack.pod.free--;
                free--;
            }
            byFree.add(rack);
        }
    }

    // ---- what placement reads ------------------------------------------------------------------

    /** The rack with the fewest free accelerators, at least {@code count}; null if none has that many. */
    Rack smallestRackWithAtLeast(int count) {
        return byFree.smallestWithAtLeast(count);
    }

    /** Racks, most free accelerators first (then in arrival order). */
    Iterable<Rack> racksByFreeDescending() {
        return byFree.mostFreeFirst();
    }

    List<Rack> racks() {
        return racks;
    }

    List<Pod> pods() {
        return pods;
    }

    // ---- queries -------------------------------------------------------------------------------

    public boolean isInstalled(String acceleratorId) {
        return rackOfAccelerator.containsKey(acceleratorId);
    }

    public Optional<String> rackOf(String acceleratorId) {
        Rack rack = rackOfAccelerator.get(acceleratorId);
        return rack == null ? Optional.empty() : Optional.of(rack.id);
    }

    /** The racks of installed accelerators, each once, in the order the accelerators first name them. */
    public List<String> racksOf(Collection<String> acceleratorIds) {
        Set<String> racks = new LinkedHashSet<>();
        for (String id : acceleratorIds) {
            Rack rack = rackOfAccelerator.get(id);
            if (rack != null) {
                racks.add(rack.id);
            }
        }
        return List.copyOf(racks);
    }

    /** The pod id of an installed accelerator. */
    public Optional<String> podOf(String acceleratorId) {
        Rack rack = rackOfAccelerator.get(acceleratorId);
        return rack == null ? Optional.empty() : Optional.of(rack.pod.id());
    }

    public boolean isFree(String acceleratorId) {
        Rack rack = rackOfAccelerator.get(acceleratorId);
        return rack != null && rack.free.contains(acceleratorId);
    }

    public int total() {
        return rackOfAccelerator.size();
    }

    public int free() {
        return free;
    }

    public int rackCount() {
        return racks.size();
    }

    public int podCount() {
        return pods.size();
    }

    public int racksPerPod() {
        return racksPerPod;
    }

    /** Every rack in arrival order with its pod, installed and free accelerators. */
    public List<RackView> rackViews() {
        return racks.stream()
                .map(r -> new RackView(r.id, r.pod.id(), r.installed.size(), r.free.size()))
                .toList();
    }

    /**
     * One rack as operators see it.
     *
     * @param rackId as chip-service named it
     * @param podId the pod it belongs to
     * @param installed accelerators installed in it now
     * @param free of those, the ones without a job
     */
    public record RackView(String rackId, String podId, int installed, int free) {}

    // ---- snapshots -----------------------------------------------------------------------------

    /** Racks in arrival order (which fixes their pods) with their installed accelerators. */
    List<SchedulerState.RackState> state() {
        return racks.stream()
                .map(r -> new SchedulerState.RackState(r.id, List.copyOf(r.installed)))
                .toList();
    }

    /** Rebuilds the racks, all accelerators free; the caller then takes the gangs of its jobs. */
    void restore(List<SchedulerState.RackState> state) {
        racksById.clear();
        racks.clear();
        pods.clear();
        rackOfAccelerator.clear();
        byFree.clear();
        free = 0;
        for (SchedulerState.RackState rack : state) {
            install(rack.rackId(), rack.accelerators());
        }
    }
}
