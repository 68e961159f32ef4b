package io.terafab.fab.domain;

import io.terafab.testing.architecture.PlainJavaDomain;
import org.junit.jupiter.api.Test;

class DomainIsPlainJavaTest {

    /** The simulation is model too; {@code definition} is not: it reads the fab's YAML with Jackson. */
    @Test
    void theModelDependsOnNoFramework() {
        PlainJavaDomain.check("io.terafab.fab", "io.terafab.fab.domain..", "io.terafab.fab.simulation..");
    }
}
