package io.terafab.chip.domain;

import java.util.ArrayList;
import java.util.List;

/** A rack of the cluster and the slices of accelerators installed in it, in install order. */
public record Rack(String rackId, int capacity, List<RackSlice> slices) {

    public Rack {
        slices = List.copyOf(slices);
    }

    public int used() {
        return slices.stream().mapToInt(RackSlice::count).sum();
    }

    public int freeSlots() {
        return capacity - used();
    }

    Rack with(RackSlice slice) {
        List<RackSlice> more = new ArrayList<>(slices);
        more.add(slice);
        return new Rack(rackId, capacity, more);
    }
}
