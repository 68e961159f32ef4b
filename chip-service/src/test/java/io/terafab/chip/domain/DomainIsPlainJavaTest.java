package io.terafab.chip.domain;

import io.terafab.testing.architecture.PlainJavaDomain;
import org.junit.jupiter.api.Test;

class DomainIsPlainJavaTest {

    @Test
    void theModelDependsOnNoFramework() {
        PlainJavaDomain.check("io.terafab.chip", "io.terafab.chip.domain..");
    }
}
