package io.terafab.testing.kafka;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Makes principals on a secured test broker through its super-user's admin client: a SCRAM-SHA-512
 * login (once per principal), the ACLs a {@link KafkaAccess} lists, and the topics it uses when
 * they are missing (the broker creates none on its own). Used by the JVM's broker and by a
 * {@link BrokerProcess} alike, so both give a service the same rights as the local run.
 */
final class ScramLogins {

    private final Admin admin;
    private final Map<String, String> passwords = new HashMap<>();

    ScramLogins(Admin admin) {
        this.admin = admin;
    }

    /**
     * The principal's login and ACLs, its topics created; returns the settings a service needs to
     * connect as it on {@code clientBootstrap} ({@code kafka.*}).
     */
    synchronized Map<String, String> grant(
            String principal,
            List<String> grants,
            List<String> topics,
            List<String> compacted,
            String clientBootstrap) {
        try {
            createMissing(topics, compacted);
            String password = passwords.get(principal);
            if (password == null) {
                password = UUID.randomUUID().toString();
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                                principal, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
                passwords.put(principal, password);
            }
            List<AclBinding> acls = grants.stream().map(g -> acl(principal, g)).toList();
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
            awaitInEffect(principal, acls);
            return settings(principal, password, clientBootstrap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot give " + principal + " its rights on the test broker", e);
        }
    }

    static Map<String, String> settings(String principal, String password, String clientBootstrap) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", clientBootstrap);
        settings.put("kafka.security.protocol", "SASL_PLAINTEXT");
        settings.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        settings.put(
                "kafka.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                        + "\" password=\"" + password + "\";");
        return settings;
    }

    /** One partition each, as the broker's auto-creation made them before; snapshots compacted. */
    private void createMissing(List<String> topics, List<String> compacted)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = topics.stream()
                .filter(t -> !existing.contains(t))
                .map(t -> new NewTopic(t, 1, (short) 1)
                        .configs(
                                compacted.contains(t)
                                        ? Map.of("cleanup.policy", "compact", "max.message.bytes", "16777216")
                                        : Map.of()))
                .toList();
        try {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static AclBinding acl(String principal, String grant) {
        String[] f = grant.split(" ", 4);
        return new AclBinding(
                new ResourcePattern(ResourceType.valueOf(f[0]), f[3], PatternType.valueOf(f[1])),
                new AccessControlEntry("User:" + principal, "*", AclOperation.valueOf(f[2]), AclPermissionType.ALLOW));
    }

    /** The broker applies new logins and ACLs from its metadata log a moment after the controller took them. */
    private void awaitInEffect(String principal, List<AclBinding> acls)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean user = admin.describeUserScramCredentials(List.of(principal))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .containsKey(principal);
            var present = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
            if (user && present.containsAll(acls)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new TimeoutException("the broker did not apply the login and ACLs of " + principal + " within 30 s");
    }
}
