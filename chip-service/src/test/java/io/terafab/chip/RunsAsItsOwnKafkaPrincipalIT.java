package io.terafab.chip;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.terafab.testing.kafka.KafkaBrokerTestResource;
import io.terafab.testing.kafka.OwnPrincipal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** chip-service logs in to the secured test broker as User:chip-service for everything it does there. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = true)
class RunsAsItsOwnKafkaPrincipalIT {

    @Test
    void everyClientOfTheServiceLogsInAsTheServiceAndNoOtherLoginUsesItsTopics() {
        OwnPrincipal.assertRunsAsItself(Duration.ofSeconds(60));
    }
}
