package io.terafab.platform.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppliedEventWindowTest {

    @Test
    void remembersIdsUpToItsCapacityAndForgetsTheOldestFirst() {
        AppliedEventWindow window = new AppliedEventWindow(3);
        List.of("a", "b", "c", "d").forEach(window::add);
        assertThat(window.contains("a")).isFalse();
        assertThat(window.oldestFirst()).containsExactly("b", "c", "d");
    }

    @Test
    void addingAnIdTwiceKeepsOneEntry() {
        AppliedEventWindow window = new AppliedEventWindow(3);
        window.add("a");
        window.add("a");
        assertThat(window.size()).isEqualTo(1);
    }

    @Test
    void restoredWindowKeepsOrderAndCapacity() {
        AppliedEventWindow window = new AppliedEventWindow(2);
        window.replaceWith(List.of("x", "y", "z"));
        assertThat(window.oldestFirst()).containsExactly("y", "z");
    }
}
