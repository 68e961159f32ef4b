package io.terafab.testing.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} the JVM's real Kafka broker (see {@link TestKafkaBroker}) and
 * injects a {@link KafkaCompanion} on it into test fields annotated {@link InjectKafka}.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        String bootstrap = TestKafkaBroker.bootstrapServers();
        companion = new KafkaCompanion(bootstrap);
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                companion, new TestInjector.AnnotatedAndMatchesType(InjectKafka.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        // the broker itself lives as long as the JVM, shared by every test class
    }
}
