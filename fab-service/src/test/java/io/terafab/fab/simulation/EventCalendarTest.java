package io.terafab.fab.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terafab.testing.property.PropertySeeds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCalendarTest {

    static LongStream seeds() {
        return PropertySeeds.range(1, 20);
    }

    @Test
    void eventsAtTheSameTimeRunInTheOrderTheyWereScheduled() {
        EventCalendar calendar = new EventCalendar();
        calendar.schedule(5, 1, 10, 0);
        calendar.schedule(2, 1, 20, 0);
        calendar.schedule(5, 1, 30, 0);
        calendar.schedule(5, 1, 40, 0);

        List<Integer> subjects = new ArrayList<>();
        while (!calendar.isEmpty()) {
            calendar.pop();
            subjects.add(calendar.subject());
        }

        assertThat(subjects).containsExactly(20, 10, 30, 40);
        assertThat(calendar.now()).isEqualTo(5);
    }

    @Test
    void anEventInThePastIsRefused() {
        EventCalendar calendar = new EventCalendar();
        calendar.schedule(10, 0, 0, 0);
        calendar.pop();

        assertThatThrownBy(() -> calendar.schedule(9.5, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(calendar.isEmpty()).isTrue();
    }

    /** Property: whatever is scheduled, in whatever order, it comes out sorted by time then scheduling order. */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomSchedulesComeOutInTimeThenSequenceOrder(long seed) {
        RandomStream random = new RandomStream(seed);
        EventCalendar calendar = new EventCalendar();
        List<double[]> expected = new ArrayList<>();
        int id = 0;
        List<double[]> popped = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            int batch = 1 + (int) (random.nextDouble() * 200);
            for (int i = 0; i < batch; i++) {
                // coarse times so that many events tie
                double time = calendar.now() + Math.floor(random.nextDouble() * 20);
                calendar.schedule(time, 0, id, 0);
                expected.add(new double[] {time, id++});
            }
            int pops = (int) (random.nextDouble() * calendar.size());
            for (int i = 0; i < pops; i++) {
                calendar.pop();
                popped.add(new double[] {calendar.now(), calendar.subject()});
            }
        }
        while (!calendar.isEmpty()) {
            calendar.pop();
            popped.add(new double[] {calendar.now(), calendar.subject()});
        }

        assertThat(popped).as("seed %d: every event once", seed).hasSize(expected.size());
        // ids grow with scheduling order: at the same time, the one scheduled first comes out first
        for (int i = 1; i < popped.size(); i++) {
            double[] a = popped.get(i - 1);
            double[] b = popped.get(i);
            assertThat(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]))
                    .as(
                            "seed %d: event %d at %.0f popped after event %d at %.0f",
                            seed, (int) b[1], b[0], (int) a[1], a[0])
                    .isTrue();
        }
        // across the whole run, each id exactly once, at the time it was scheduled for
        List<double[]> sorted = new ArrayList<>(popped);
        sorted.sort(Comparator.<double[]>comparingDouble(e -> e[1]));
        for (int i = 0; i < sorted.size(); i++) {
            assertThat(sorted.get(i)).as("seed %d", seed).containsExactly(expected.get(i));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aRestoredCalendarPopsTheSameEventsInTheSameOrder(long seed) {
        RandomStream random = new RandomStream(seed);
        EventCalendar original = new EventCalendar();
        for (int i = 0; i < 500; i++) {
            original.schedule(Math.floor(random.nextDouble() * 50), i % 7, i, -i);
        }
        for (int i = 0; i < 100; i++) {
            original.pop();
        }
        EventCalendar restored = new EventCalendar();
        restored.restore(original.state());

        while (!original.isEmpty()) {
            original.pop();
            restored.pop();
            assertThat(new double[] {restored.now(), restored.kind(), restored.subject(), restored.argument()})
                    .as("seed %d", seed)
                    .containsExactly(original.now(), original.kind(), original.subject(), original.argument());
        }
        assertThat(restored.isEmpty()).as("seed %d", seed).isTrue();
    }
}
