package io.terafab.testing.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Proof, from the broker's own authorization decisions ({@link RecordingAuthorizer}), that a running
 * service logs in as its own principal: the broker allowed {@code User:<service>} to read each of its
 * inputs, to write its snapshot and to use its consumer group, and allowed no other login (the tests'
 * super-user {@code User:ANONYMOUS}, the harness listener, aside) to read or write its {@code .state}
 * or to use its group. Inputs and outputs are shared with other services (a budget has one writer and
 * several readers), so they are checked for the service's own use only.
 */
public final class OwnPrincipal {

    private static final String HARNESS = "User:ANONYMOUS";

    private OwnPrincipal() {}

    /**
     * Waits until the service of {@code access} (its rights as granted by {@link ServiceProcess} or
     * {@link KafkaBrokerTestResource}) has read every input, joined its group and written a snapshot
     * (an empty snapshot topic is never fetched from, so its read is not awaited), then checks that
     * its snapshot topic and its group were used by it alone.
     */
    public static void assertRunsAsItself(KafkaAccess access, Duration timeout) {
        String self = "User:" + access.principal();
        List<String> awaited = new ArrayList<>();
        List<String> exclusive = new ArrayList<>();
        for (String grant : access.grants()) {
            String[] f = grant.split(" ", 4); // RESOURCE PATTERN OPERATION NAME
            boolean state = access.compactedTopics().contains(f[3]);
            boolean input = f[0].equals("TOPIC") && f[2].equals("READ") && !state;
            boolean group = f[0].equals("GROUP") && f[1].equals("LITERAL");
            if (input || group || (state && f[2].equals("WRITE"))) {
                awaited.add(f[0] + " " + f[2] + " " + f[3]);
            }
            if (group || (state && (f[2].equals("READ") || f[2].equals("WRITE")))) {
                exclusive.add(f[0] + " " + f[2] + " " + f[3]);
            }
        }
        if (awaited.isEmpty()) {
            throw new IllegalArgumentException(self + " has no input, group or snapshot to prove anything with");
        }
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<String> missing =
                    awaited.stream().filter(a -> !allowed(a).contains(self)).toList();
            if (!missing.isEmpty()) {
                throw new AssertionError(self + " has not yet been allowed " + missing + "; the broker allowed "
                        + missing.stream().map(m -> m + " to " + allowed(m)).toList());
            }
        });
        List<String> strangers = new ArrayList<>();
        for (String use : exclusive) {
            Set<String> who = allowed(use);
            who.remove(self);
            if (!who.isEmpty()) {
                strangers.add(use + " by " + who);
            }
        }
        if (!strangers.isEmpty()) {
            throw new AssertionError("principals other than " + self + " used what is its alone: " + strangers);
        }
    }

    /** {@code TOPIC READ name} or {@code GROUP READ name}: who the broker allowed it, the harness left out. */
    private static Set<String> allowed(String use) {
        String[] f = use.split(" ", 3);
        Set<String> who = new TreeSet<>(
                f[0].equals("GROUP")
                        ? TestKafkaBroker.principalsAllowedOnGroup(f[1], f[2])
                        : TestKafkaBroker.principalsAllowed(f[1], f[2]));
        who.remove(HARNESS);
        return who;
    }
}
