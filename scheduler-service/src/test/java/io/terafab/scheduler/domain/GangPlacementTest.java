package io.terafab.scheduler.domain;

import static io.terafab.scheduler.domain.Fixtures.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.terafab.testing.property.PropertySeeds;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Gangs packed by topology: fewest racks, then fewest pods. */
class GangPlacementTest {

    /** Racks of the given free sizes, in arrival order, 2 racks per pod. */
    private static Topology topology(int... freePerRack) {
        Topology t = new Topology(2);
        for (int r = 0; r < freePerRack.length; r++) {
            t.install("rack-" + r, ids("r" + r, freePerRack[r]));
        }
        return t;
    }

    private static Set<String> racksOf(Topology t, Placement p) {
        return p.accelerators().stream().map(a -> t.rackOf(a).orElseThrow()).collect(Collectors.toSet());
    }

    @Test
    void gangThatFitsInOneRackGoesToTheTightestRack() {
        Topology t = topology(8, 5, 6);
        Placement p = t.place(5).orElseThrow();
        assertThat(racksOf(t, p)).containsExactly("rack-1");
        assertThat(p.racks()).isEqualTo(1);
        assertThat(t.free()).isEqualTo(14);
    }

    @Test
    void gangTooBigForAnyRackTakesTheFewestRacksKeepingBigBlocksWhole() {
        Topology t = topology(8, 3, 7, 2);
        Placement p = t.place(10).orElseThrow(); // 8 + 2 (best fit for the rest): two racks
        assertThat(p.racks()).isEqualTo(2);
        assertThat(racksOf(t, p)).containsExactlyInAnyOrder("rack-0", "rack-1");
        assertThat(p.accelerators()).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void fewestRacksInOnePodBeatsTheSameRacksAcrossPods() {
        // pods: {rack-0: 6, rack-1: 2}, {rack-2: 5, rack-3: 5}; 10 needs two racks either way
        Topology t = topology(6, 2, 5, 5);
        Placement p = t.place(10).orElseThrow();
        assertThat(p.racks()).isEqualTo(2);
        assertThat(p.pods()).isEqualTo(1);
        assertThat(racksOf(t, p)).containsExactlyInAnyOrder("rack-2", "rack-3");
    }

    @Test
    void gangLargerThanTheFreeAcceleratorsIsNotPlaced() {
        Topology t = topology(4, 4);
        assertThat(t.place(9)).isEmpty();
        assertThat(t.free()).isEqualTo(8);
    }

    static LongStream seeds() {
        return PropertySeeds.of(3, 5, 8, 13, 21);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void placementsNeverShareAnAcceleratorAndUseTheFewestRacks(long seed) {
        Random random = new Random(seed);
        Topology t = new Topology(3);
        for (int r = 0; r < 12; r++) {
            t.install("rack-" + r, ids("s" + seed + "r" + r, 8));
        }
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            int gang = 1 + random.nextInt(20);
            List<Integer> freeBefore = t.rackViews().stream()
                    .map(Topology.RackView::free)
                    .sorted((a, b) -> b - a)
                    .toList();
            var placement = t.place(gang);
            if (gang > freeBefore.stream().mapToInt(Integer::intValue).sum()) {
                assertThat(placement).as("seed %d step %d", seed, i).isEmpty();
                continue;
            }
            Placement p = placement.orElseThrow();
            int fewest = 0;
            for (int sum = 0; sum < gang; fewest++) {
                sum += freeBefore.get(fewest);
            }
            assertThat(p.racks())
                    .as("seed %d step %d: fewest racks for %d", seed, i, gang)
                    .isEqualTo(fewest);
            assertThat(p.accelerators()).as("seed %d step %d", seed, i).hasSize(gang);
            for (String a : p.accelerators()) {
                assertThat(taken.add(a))
                        .as("seed %d step %d: %s placed twice", seed, i, a)
                        .isTrue();
                assertThat(t.isFree(a)).isFalse();
            }
            if (random.nextInt(3) == 0) { // give a random earlier gang back
                List<String> back = List.copyOf(p.accelerators());
                t.release(back);
                back.forEach(taken::remove);
            }
        }
    }
}
