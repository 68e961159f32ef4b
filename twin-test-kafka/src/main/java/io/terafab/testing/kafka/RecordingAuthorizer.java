package io.terafab.testing.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;

/**
 * Kafka's {@link StandardAuthorizer}, deciding exactly as it does, that also remembers which
 * principal was allowed which operation on which topic, so a test can prove who a service ran as.
 * Loaded by the test broker (system class loader); read through {@link TestKafkaBroker#principalsAllowed}.
 */
public class RecordingAuthorizer extends StandardAuthorizer {

    /** "TOPIC OPERATION name" or "GROUP OPERATION name" → principals allowed it ("User:fab-service"). */
    private static final Map<String, Set<String>> ALLOWED = new ConcurrentHashMap<>();

    @Override
    public List<AuthorizationResult> authorize(AuthorizableRequestContext context, List<Action> actions) {
        List<AuthorizationResult> results = super.authorize(context, actions);
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            ResourceType type = action.resourcePattern().resourceType();
            if (results.get(i) == AuthorizationResult.ALLOWED
                    && (type == ResourceType.TOPIC || type == ResourceType.GROUP)) {
                String key = type + " " + action.operation() + " "
                        + action.resourcePattern().name();
                ALLOWED.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                        .add(context.principal().toString());
            }
        }
        return results;
    }

    /** The principals allowed {@code operation} (READ, WRITE, …) on {@code topic} so far. */
    public static Set<String> allowed(String operation, String topic) {
        return Set.copyOf(ALLOWED.getOrDefault("TOPIC " + operation + " " + topic, Set.of()));
    }

    /** The principals allowed {@code operation} (READ: join, commit, fetch offsets) on consumer group {@code group}. */
    public static Set<String> allowedOnGroup(String operation, String group) {
        return Set.copyOf(ALLOWED.getOrDefault("GROUP " + operation + " " + group, Set.of()));
    }
}
