package io.terafab.scheduler.domain;

import io.terafab.testing.architecture.PlainJavaDomain;
import org.junit.jupiter.api.Test;

class DomainIsPlainJavaTest {

    @Test
    void theModelDependsOnNoFramework() {
        PlainJavaDomain.check("io.terafab.scheduler", "io.terafab.scheduler.domain..");
    }
}
