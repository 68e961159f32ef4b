package io.terafab.power.domain;

import io.terafab.testing.architecture.PlainJavaDomain;
import org.junit.jupiter.api.Test;

class DomainIsPlainJavaTest {

    @Test
    void theModelDependsOnNoFramework() {
        PlainJavaDomain.check("io.terafab.power", "io.terafab.power.domain..");
    }
}
