package io.terafab.testing.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Proof, from the broker's own authorization decisions, that a service under test runs as its own
 * principal: every client of the service (its channels, its snapshot reader and writer, its
 * dead-letter producer) logged in as {@code User:<service>}, and no other login touched its topics.
 * The tests' super-user ({@code User:ANONYMOUS}, the harness listener) is left out.
 */
public final class OwnPrincipal {

    private static final String HARNESS = "User:ANONYMOUS";

    private OwnPrincipal() {}

    /**
     * Waits until the running service (of this test's {@code application.properties}) has read every
     * input and written a snapshot (an empty snapshot topic is never fetched from, so its read is not
     * awaited), then checks who the broker let use each topic of its plan.
     */
    public static void assertRunsAsItself(Duration timeout) {
        KafkaAccess access = KafkaAccess.of(KafkaBrokerTestResource.applicationConfig());
        String self = "User:" + access.principal();
        List<String> awaited = new ArrayList<>();
        for (String grant : access.grants()) {
            String[] f = grant.split(" ", 4);
            boolean state = access.compactedTopics().contains(f[3]);
            boolean input = f[0].equals("TOPIC") && f[2].equals("READ") && !state;
            boolean snapshot = state && f[2].equals("WRITE");
            if ((input || snapshot) && !awaited.contains(f[2] + " " + f[3])) {
                awaited.add(f[2] + " " + f[3]);
            }
        }
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<String> missing =
                    awaited.stream().filter(a -> !others(a).contains(self)).toList();
            if (!missing.isEmpty()) {
                throw new AssertionError(self + " has not yet been allowed " + missing);
            }
        });
        List<String> strangers = new ArrayList<>();
        for (String topic : access.topics()) {
            for (String operation : List.of("READ", "WRITE")) {
                Set<String> who = others(operation + " " + topic);
                who.remove(self);
                if (!who.isEmpty()) {
                    strangers.add(operation + " " + topic + " by " + who);
                }
            }
        }
        if (!strangers.isEmpty()) {
            throw new AssertionError("principals other than " + self + " used its topics: " + strangers);
        }
    }

    private static Set<String> others(String operationAndTopic) {
        String[] f = operationAndTopic.split(" ", 2);
        Set<String> who = new TreeSet<>(TestKafkaBroker.principalsAllowed(f[0], f[1]));
        who.remove(HARNESS);
        return who;
    }
}
