package io.terafab.power;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.terafab.testing.kafka.KafkaBrokerTestResource;
import io.terafab.testing.kafka.OwnPrincipal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** power-service logs in to the secured test broker as User:power-service for everything it does there. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = true)
class RunsAsItsOwnKafkaPrincipalIT {

    @Test
    void everyClientOfTheServiceLogsInAsTheServiceAndNoOtherLoginUsesItsTopics() {
        OwnPrincipal.assertRunsAsItself(Duration.ofSeconds(60));
    }
}
