package io.terafab.testing.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Gives a {@code @QuarkusTest} the JVM's real Kafka broker (see {@link TestKafkaBroker}), with the
 * service logged in as its own principal and allowed what {@link KafkaAccess} reads from its
 * {@code application.properties} (the {@code %test} profile applied), and injects a
 * {@link KafkaCompanion} on the tests' super-user listener into test fields annotated {@link InjectKafka}.
 * The service trusts the bearer tokens of {@link TestTokens}.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        Map<String, String> settings =
                new HashMap<>(TestKafkaBroker.credentialsFor(KafkaAccess.of(applicationConfig())));
        settings.putAll(TestTokens.verificationSettings());
        // twin-platform declares %test.mp.jwt.verify.publickey (so Quarkus makes no key of its own), and a
        // profile's key wins over a plain one whatever the source: the resource's must be a %test one too
        settings.put("%test.mp.jwt.verify.publickey", settings.get("mp.jwt.verify.publickey"));
        companion = new KafkaCompanion(TestKafkaBroker.bootstrapServers());
        return settings;
    }

    /**
     * The test's REST calls (RestAssured, as {@code @QuarkusTest}s make them) carry an operator's
     * token, so a test that changes the twin through its REST needs nothing more; the refusals are
     * proven with calls made without it.
     */
    @Override
    public void inject(Object testInstance) {
        ClassLoader loader = testInstance.getClass().getClassLoader();
        try {
            Class<?> restAssured = Class.forName("io.restassured.RestAssured", true, loader);
            Class<?> filter = Class.forName("io.restassured.filter.Filter", true, loader);
            List<?> installed = (List<?>) restAssured.getMethod("filters").invoke(null);
            if (installed.stream()
                    .anyMatch(f -> Proxy.isProxyClass(f.getClass())
                            && Proxy.getInvocationHandler(f) instanceof OperatorTokenFilter)) {
                return;
            }
            Object operator = Proxy.newProxyInstance(loader, new Class<?>[] {filter}, new OperatorTokenFilter());
            restAssured.getMethod("filters", List.class).invoke(null, List.of(operator));
        } catch (ClassNotFoundException e) {
            // a test without RestAssured makes no REST calls through it
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot give RestAssured the operator's token", e);
        }
    }

    /** A RestAssured filter (built reflectively: RestAssured lives in the test's class loader) adding an operator's token. */
    private static final class OperatorTokenFilter implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (!method.getName().equals("filter")) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "operator-token-filter";
                };
            }
            Class<?>[] types = method.getParameterTypes(); // request, response, context: RestAssured's interfaces
            Object headers = types[0].getMethod("getHeaders").invoke(args[0]);
            if (!(boolean) headers.getClass()
                    .getMethod("hasHeaderWithName", String.class)
                    .invoke(headers, "Authorization")) {
                types[0].getMethod("header", String.class, Object.class, Object[].class)
                        .invoke(args[0], "Authorization", "Bearer " + TestTokens.token("operator"), new Object[0]);
            }
            return types[2].getMethod("next", types[0], types[1]).invoke(args[2], args[0], args[1]);
        }
    }

    /** The application's own settings with its test profile applied, as the service will see them. */
    static Map<String, String> applicationConfig() {
        Properties file = new Properties();
        try {
            for (URL url : Collections.list(
                    Thread.currentThread().getContextClassLoader().getResources("application.properties"))) {
                Properties candidate = new Properties();
                try (InputStream in = url.openStream()) {
                    candidate.load(in);
                }
                if (candidate.containsKey("quarkus.application.name")) {
                    file = candidate;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the application's application.properties", e);
        }
        return KafkaAccess.resolve(file, "test");
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
