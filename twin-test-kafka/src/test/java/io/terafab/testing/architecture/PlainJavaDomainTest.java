package io.terafab.testing.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.terafab.testing.architecture.fixture.domain.JsonAwareLedger;
import io.terafab.testing.architecture.fixture.domain.PlainLedger;
import org.junit.jupiter.api.Test;

class PlainJavaDomainTest {

    private static final String FIXTURE_DOMAIN = "io.terafab.testing.architecture.fixture.domain..";

    @Test
    void aDomainClassThatUsesJacksonIsNamedAndAPlainOneIsNot() {
        ArchRule rule = PlainJavaDomain.dependsOnNoFramework(FIXTURE_DOMAIN);
        JavaClasses fixture = new ClassFileImporter().importClasses(JsonAwareLedger.class, PlainLedger.class);

        EvaluationResult result = rule.evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .allSatisfy(line -> assertThat(line).contains(JsonAwareLedger.class.getName()))
                .anySatisfy(line -> assertThat(line).contains("com.fasterxml.jackson.databind.ObjectMapper"));
    }

    @Test
    void packagesWithoutAClassFailRatherThanPassUnguarded() {
        assertThatThrownBy(() -> PlainJavaDomain.check("io.terafab.testing.architecture", "..no.such.domain.."))
                .isInstanceOf(AssertionError.class);
    }
}
