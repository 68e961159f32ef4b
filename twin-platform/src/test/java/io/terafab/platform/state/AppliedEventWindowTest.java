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

    @Test
    void anIdAppliedWithOtherContentConflictsAndTheSameContentDoesNot() {
        AppliedEventWindow window = new AppliedEventWindow(3);
        window.add("a", 42L);
        assertThat(window.conflicts("a", 42L)).isFalse();
        assertThat(window.conflicts("a", 43L)).isTrue();
        assertThat(window.conflicts("b", 43L)).isFalse();
    }

    @Test
    void idsRestoredWithoutFingerprintsMatchAnyContent() {
        AppliedEventWindow window = new AppliedEventWindow(3);
        window.replaceWith(List.of("a", "b"));
        assertThat(window.contains("a")).isTrue();
        assertThat(window.conflicts("a", 7L)).isFalse();
    }

    @Test
    void fingerprintsSurviveASnapshotRoundTrip() {
        AppliedEventWindow window = new AppliedEventWindow(3);
        window.add("a", 1L);
        window.add("b", 2L);
        AppliedEventWindow restored = new AppliedEventWindow(3);
        restored.replaceWith(window.contents().ids(), window.contents().fingerprints());
        assertThat(restored.conflicts("b", 3L)).isTrue();
        assertThat(restored.fingerprintOf("a")).hasValue(1L);
    }

    @Test
    void aBusyTopicDoesNotPushAQuietTopicsIdsOutOfTheWindow() {
        AppliedEventWindow window = new AppliedEventWindow(2);
        window.add("power.budget", "budget-1", 1L);
        List.of("r1", "r2", "r3").forEach(id -> window.add("sensor.tool-telemetry", id, 2L));
        assertThat(window.contains("budget-1")).isTrue();
        assertThat(window.contains("r1")).isFalse();
        assertThat(window.oldestFirst()).containsExactly("budget-1", "r2", "r3");
    }

    @Test
    void topicsSurviveASnapshotRoundTrip() {
        AppliedEventWindow window = new AppliedEventWindow(1);
        window.add("a-topic", "a", 1L);
        window.add("b-topic", "b", 2L);
        AppliedEventWindow restored = new AppliedEventWindow(1);
        AppliedEventWindow.Contents saved = window.contents();
        restored.replaceWith(saved.ids(), saved.fingerprints(), saved.topics());
        restored.add("a-topic", "a2", 3L);
        assertThat(restored.contains("a")).isFalse();
        assertThat(restored.contains("b")).isTrue();
    }
}
