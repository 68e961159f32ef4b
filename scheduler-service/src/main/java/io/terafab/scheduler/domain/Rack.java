package io.terafab.scheduler.domain;

import java.util.TreeSet;

/** One rack of the topology: the accelerators installed in it and which of them are free. */
final class Rack {

    final String id;
    /** Arrival order of the rack; its pod is {@code index / racksPerPod}. */
    final int index;

    final Pod pod;
    final TreeSet<String> installed = new TreeSet<>();
    final TreeSet<String> free = new TreeSet<>();

    Rack(String id, int index, Pod pod) {
        this.id = id;
        this.index = index;
        this.pod = pod;
    }

    int freeCount() {
        return free.size();
    }
}
