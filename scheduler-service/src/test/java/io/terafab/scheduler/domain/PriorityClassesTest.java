package io.terafab.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terafab.platform.model.ModelRejection;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriorityClassesTest {

    private final PriorityClasses classes = Fixtures.classes();

    @Test
    void aNamedClassWinsOverTheIntegerPriority() {
        assertThat(classes.resolve("low", 5000).name()).isEqualTo("low");
    }

    @Test
    void anIntegerPriorityMapsToTheGreatestClassNotAboveIt() {
        assertThat(classes.resolve(null, 0).name()).isEqualTo("normal");
        assertThat(classes.resolve(null, 1).name()).isEqualTo("normal");
        assertThat(classes.resolve(null, 100).name()).isEqualTo("high");
        assertThat(classes.resolve(null, 99_999).name()).isEqualTo("critical");
        assertThat(classes.resolve(null, -5).name()).isEqualTo("low");
        assertThat(classes.resolve(null, -1_000).name())
                .as("below all: the lowest")
                .isEqualTo("low");
    }

    @Test
    void neitherGivesTheDefaultClass() {
        assertThat(classes.resolve(null, null).name()).isEqualTo("normal");
    }

    @Test
    void anUnknownNameIsInvalid() {
        assertThatThrownBy(() -> classes.resolve("urgent", null))
                .isInstanceOfSatisfying(
                        ModelRejection.class, e -> assertThat(e.kind()).isEqualTo(ModelRejection.Kind.INVALID));
    }

    @Test
    void classesMustHaveDistinctValuesAndAKnownDefault() {
        assertThatThrownBy(() -> new PriorityClasses(
                        List.of(new PriorityClass("a", 1, true), new PriorityClass("b", 1, true)), "a"))
                .hasMessageContaining("same value");
        assertThatThrownBy(() -> new PriorityClasses(List.of(new PriorityClass("a", 1, true)), "z"))
                .hasMessageContaining("default priority class z");
    }
}
