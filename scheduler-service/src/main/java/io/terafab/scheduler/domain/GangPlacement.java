package io.terafab.scheduler.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Packs a gang by topology: the fewest racks, then the fewest pods, so a job's collective
 * traffic stays on the fastest links and large free blocks stay whole for large jobs.
 *
 * <ul>
 *   <li>One rack when one has room: the rack with the fewest free accelerators that still fits
 *       the gang (best fit).</li>
 *   <li>Else the fewest racks: taking racks with the most free accelerators first needs the
 *       fewest racks ({@code k}). If one pod can hold the gang on {@code k} of its racks, the gang
 *       goes to the tightest such pod; else it spans pods, the same way over all racks.</li>
 *   <li>Within the chosen racks, the {@code k - 1} fullest are taken whole and the rest comes
 *       from the rack that fits it most tightly (preferring a pod already used), again keeping
 *       big blocks free.</li>
 * </ul>
 * Exact for the number of racks; for pods it is exact when one pod suffices and greedy beyond.
 */
final class GangPlacement {

    private static final Comparator<Rack> MOST_FREE_FIRST =
            Comparator.comparingInt(Rack::freeCount).reversed().thenComparingInt(r -> r.index);

    private GangPlacement() {}

    /** Places {@code gang} (at most the topology's free accelerators) and takes them. */
    static Placement place(Topology topology, int gang) {
        Rack single = topology.smallestRackWithAtLeast(gang);
        if (single != null) {
            return new Placement(topology.takeFrom(single, gang), 1, 1);
        }
        int fewestRacks = fewestRacks(topology.racksByFreeDescending(), gang);
        Pod tightestPod = null;
        for (Pod pod : topology.pods()) {
            if (pod.free >= gang
                    && (tightestPod == null || pod.free < tightestPod.free)
                    && fewestRacks(sorted(pod.racks), gang) == fewestRacks) {
                tightestPod = pod;
            }
        }
        List<Rack> candidates = sorted(tightestPod != null ? tightestPod.racks : topology.racks());
        return take(topology, candidates, gang, fewestRacks);
    }

    private static List<Rack> sorted(List<Rack> racks) {
        List<Rack> copy = new ArrayList<>(racks);
        copy.sort(MOST_FREE_FIRST);
        return copy;
    }

    /** Racks needed taking the fullest first; {@code Integer.MAX_VALUE} if they cannot hold the gang. */
    private static int fewestRacks(Iterable<Rack> mostFreeFirst, int gang) {
        int racks = 0;
        int sum = 0;
        for (Rack rack : mostFreeFirst) {
            if (rack.freeCount() == 0) {
                break;
            }
            sum += rack.freeCount();
            racks++;
            if (sum >= gang) {
                return racks;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static Placement take(Topology topology, List<Rack> mostFreeFirst, int gang, int racks) {
        List<Rack> whole = mostFreeFirst.subList(0, racks - 1);
        int wholeFree = whole.stream().mapToInt(Rack::freeCount).sum();
        int rest = gang - wholeFree;
        Set<Pod> podsUsed = new HashSet<>();
        whole.forEach(r -> podsUsed.add(r.pod));
        Rack last = null;
        for (Rack rack : mostFreeFirst.subList(racks - 1, mostFreeFirst.size())) {
            if (rack.freeCount() < rest) {
                break; // sorted: no later rack fits the rest either
            }
            if (last == null
                    || podsUsed.contains(rack.pod) && !podsUsed.contains(last.pod)
                    || podsUsed.contains(rack.pod) == podsUsed.contains(last.pod)
                            && rack.freeCount() <= last.freeCount()) {
                last = rack;
            }
        }
        List<Rack> chosen = new ArrayList<>(whole);
        chosen.add(last);
        List<String> accelerators = new ArrayList<>(gang);
        for (Rack rack : whole) {
            accelerators.addAll(topology.takeFrom(rack, rack.freeCount()));
        }
        accelerators.addAll(topology.takeFrom(last, rest));
        podsUsed.add(last.pod);
        return new Placement(accelerators, chosen.size(), podsUsed.size());
    }
}
