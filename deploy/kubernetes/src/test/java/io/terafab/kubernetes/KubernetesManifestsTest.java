package io.terafab.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What `kubectl kustomize deploy/kubernetes` renders: every document conforms to the published
 * schema of its kind, and the parts that live in different files, or beside the services' own
 * configuration, agree: topics with deploy/local/topics.txt, ACLs with the channels each service
 * configures, each pod with its KafkaUser's Secret, the cluster CA and the Kafka's listener.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Manifests.repositoryRoot();
    private static final Pattern CHANNEL_TOPIC =
            Pattern.compile("^mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.topic$");

    private static List<ObjectNode> rendered;

    @BeforeAll
    static void render() {
        rendered = Manifests.render(Manifests.folder());
    }

    private record LocalTopic(String name, int partitions, String cleanupPolicy) {}

    private static Map<String, LocalTopic> localTopics() {
        Map<String, LocalTopic> topics = new LinkedHashMap<>();
        for (String line :
                Manifests.text(ROOT.resolve("deploy/local/topics.txt")).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] fields = trimmed.split("\\s+");
                topics.put(fields[0], new LocalTopic(fields[0], Integer.parseInt(fields[1]), fields[2]));
            }
        }
        return topics;
    }

    private static Properties applicationProperties(String service) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(
                    Files.readString(ROOT.resolve(service + "/src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static ObjectNode kafka() {
        List<ObjectNode> kafkas = Manifests.ofKind(rendered, "Kafka");
        assertThat(kafkas).hasSize(1);
        return kafkas.get(0);
    }

    private static String clusterName() {
        return kafka().path("metadata").path("name").asText();
    }

    private static JsonNode container(ObjectNode statefulSet) {
        JsonNode containers =
                statefulSet.path("spec").path("template").path("spec").path("containers");
        assertThat(containers)
                .as("containers of %s", Manifests.describe(statefulSet))
                .hasSize(1);
        return containers.get(0);
    }

    private static JsonNode env(JsonNode container, String name) {
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(e -> name.equals(e.path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no env " + name + " in " + container.path("name").asText()));
    }

    /** The settings ConfigMap every service reads (kustomize adds a content hash to its name). */
    private static JsonNode serviceConfig(JsonNode container) {
        String name = StreamSupport.stream(container.path("envFrom").spliterator(), false)
                .map(e -> e.path("configMapRef"))
                .filter(ref -> !ref.path("optional").asBoolean(false))
                .map(ref -> ref.path("name").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no required ConfigMap in envFrom of "
                        + container.path("name").asText()));
        return Manifests.named(rendered, "ConfigMap", name).path("data");
    }

    /** Where the container sees key {@code key} of Secret {@code secret}, mounted through a volume. */
    private static String mountedFile(ObjectNode statefulSet, String secret, String key) {
        JsonNode podSpec = statefulSet.path("spec").path("template").path("spec");
        for (JsonNode volume : podSpec.path("volumes")) {
            if (!secret.equals(volume.path("secret").path("secretName").asText())) {
                continue;
            }
            String file = key;
            for (JsonNode item : volume.path("secret").path("items")) {
                if (key.equals(item.path("key").asText())) {
                    file = item.path("path").asText();
                }
            }
            for (JsonNode mount : container(statefulSet).path("volumeMounts")) {
                if (volume.path("name").asText().equals(mount.path("name").asText())) {
                    return mount.path("mountPath").asText() + "/" + file;
                }
            }
        }
        throw new AssertionError(Manifests.describe(statefulSet) + " does not mount Secret " + secret);
    }

    private static boolean grants(ObjectNode user, String type, String name, String operation) {
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            boolean prefix = "prefix".equals(resource.path("patternType").asText("literal"));
            boolean matches = type.equals(resource.path("type").asText())
                    && (prefix
                            ? name.startsWith(resource.path("name").asText())
                            : name.equals(resource.path("name").asText()));
            boolean allowed = !"deny".equals(acl.path("type").asText("allow"));
            List<String> operations = new ArrayList<>();
            acl.path("operations").forEach(o -> operations.add(o.asText()));
            if (acl.has("operation")) {
                operations.add(acl.path("operation").asText());
            }
            if (matches && allowed && (operations.contains(operation) || operations.contains("All"))) {
                return true;
            }
        }
        return false;
    }

    private static long bytes(JsonNode quantity) {
        assertThat(quantity.isMissingNode()).as("a memory quantity").isFalse();
        return Quantity.getAmountInBytes(new Quantity(quantity.asText())).longValueExact();
    }

    /** The -Xmx of JAVA_OPTS (the image's run-java.sh passes it to the JVM). */
    private static long heapCapBytes(String javaOptions) {
        Matcher xmx = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)").matcher(javaOptions);
        assertThat(xmx.find()).as("-Xmx in JAVA_OPTS: %s", javaOptions).isTrue();
        long unit = switch (xmx.group(2).toLowerCase()) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1L;
        };
        return Long.parseLong(xmx.group(1)) * unit;
    }

    @Test
    void everyRenderedDocumentConformsToThePublishedSchemaOfItsKind() {
        Set<String> kinds =
                rendered.stream().map(d -> d.path("kind").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(kinds)
                .containsExactly(
                        "ConfigMap", "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Service", "StatefulSet");

        assertThat(ManifestSchemas.shared().problems(rendered)).isEmpty();
    }

    @Test
    void everyTopicOfTheLocalRunIsAKafkaTopicWithItsPartitionsAndCleanupPolicy() {
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        for (ObjectNode topic : Manifests.ofKind(rendered, "KafkaTopic")) {
            String name = topic.path("spec")
                    .path("topicName")
                    .asText(topic.path("metadata").path("name").asText());
            assertThat(topics.put(name, topic))
                    .as("a second KafkaTopic for %s", name)
                    .isNull();
            assertThat(topic.path("metadata")
                            .path("labels")
                            .path("strimzi.io/cluster")
                            .asText())
                    .as(name)
                    .isEqualTo(clusterName());
            // as deploy/local/CreateTopics.java creates them: a large model's snapshot is one record
            assertThat(topic.path("spec")
                            .path("config")
                            .path("max.message.bytes")
                            .asText())
                    .as(name)
                    .isEqualTo("16777216");
            // as CreateTopics: a compacted topic closes a segment every 64 MiB, so compaction can clean it
            if (topic.path("spec")
                    .path("config")
                    .path("cleanup.policy")
                    .asText()
                    .equals("compact")) {
                assertThat(topic.path("spec")
                                .path("config")
                                .path("segment.bytes")
                                .asText())
                        .as(name)
                        .isEqualTo("67108864");
            }
        }
        Map<String, LocalTopic> local = localTopics();
        for (LocalTopic expected : local.values()) {
            JsonNode topic = topics.get(expected.name());
            assertThat(topic)
                    .as("KafkaTopic %s (deploy/local/topics.txt)", expected.name())
                    .isNotNull();
            assertThat(topic.path("spec").path("partitions").asInt())
                    .as("partitions of %s", expected.name())
                    .isEqualTo(expected.partitions());
            assertThat(topic.path("spec").path("config").path("cleanup.policy").asText())
                    .as("cleanup.policy of %s", expected.name())
                    .isEqualTo(expected.cleanupPolicy());
        }
        Set<String> beyondTopicsTxt = new TreeSet<>(topics.keySet());
        beyondTopicsTxt.removeAll(local.keySet());
        assertThat(beyondTopicsTxt)
                .as("KafkaTopics the local run does not create")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fab-service", "chip-service", "power-service", "scheduler-service"})
    void eachServiceMayUseEveryTopicItsChannelsNameAndItsOwnStateAndGroups(String service) {
        ObjectNode user = Manifests.named(rendered, "KafkaUser", service);
        Properties properties = applicationProperties(service);
        List<String> missing = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher channel = CHANNEL_TOPIC.matcher(key);
            if (!channel.matches()) {
                continue;
            }
            String topic = properties.getProperty(key);
            if (channel.group(1).equals("incoming")) {
                need(missing, user, "topic", topic, "Read");
                need(missing, user, "topic", topic + ".dlq", "Write");
            } else {
                need(missing, user, "topic", topic, "Write");
            }
        }
        need(missing, user, "topic", service + ".state", "Read");
        need(missing, user, "topic", service + ".state", "Write");
        // a channel's consumer group is the application name unless it sets group.id
        need(missing, user, "group", properties.getProperty("quarkus.application.name"), "Read");

        assertThat(missing).as("ACLs the KafkaUser %s lacks", service).isEmpty();
        assertThat(user.path("spec").path("authentication").path("type").asText())
                .isEqualTo("scram-sha-512");
    }

    private static void need(List<String> missing, ObjectNode user, String type, String name, String operation) {
        if (!grants(user, type, name, operation)) {
            missing.add(operation + " " + type + " " + name);
        }
    }

    @Test
    void theKafkaRunsInKraftModeWithTlsScramLoginsAndDeniesWhatNoAclAllows() {
        ObjectNode kafka = kafka();
        JsonNode annotations = kafka.path("metadata").path("annotations");
        assertThat(annotations.path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(annotations.path("strimzi.io/node-pools").asText()).isEqualTo("enabled");
        JsonNode spec = kafka.path("spec").path("kafka");
        assertThat(spec.path("listeners")).isNotEmpty().allSatisfy(listener -> {
            assertThat(listener.path("tls").asBoolean())
                    .as("listener %s uses TLS", listener.path("name"))
                    .isTrue();
            assertThat(listener.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
        });
        assertThat(spec.path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(spec.path("authorization").path("superUsers"))
                .containsExactly(Manifests.named(rendered, "KafkaUser", "admin")
                        .path("metadata")
                        .path("name"));
        assertThat(spec.path("config").path("allow.everyone.if.no.acl.found").asBoolean(true))
                .isFalse();
        assertThat(spec.path("config").path("auto.create.topics.enable").asBoolean(true))
                .isFalse();

        Set<String> roles = new TreeSet<>();
        for (ObjectNode pool : Manifests.ofKind(rendered, "KafkaNodePool")) {
            assertThat(pool.path("metadata")
                            .path("labels")
                            .path("strimzi.io/cluster")
                            .asText())
                    .isEqualTo(clusterName());
            pool.path("spec").path("roles").forEach(r -> roles.add(r.asText()));
        }
        assertThat(roles).containsExactly("broker", "controller");
        assertThat(Manifests.ofKind(rendered, "KafkaUser"))
                .allSatisfy(user -> assertThat(user.path("metadata")
                                .path("labels")
                                .path("strimzi.io/cluster")
                                .asText())
                        .isEqualTo(clusterName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fab-service", "chip-service", "power-service", "scheduler-service"})
    void eachServiceLogsInAsItsKafkaUserOverTlsTrustingTheClusterCa(String service) {
        ObjectNode statefulSet = Manifests.named(rendered, "StatefulSet", service);
        JsonNode container = container(statefulSet);
        JsonNode config = serviceConfig(container);
        JsonNode listener = kafka().path("spec").path("kafka").path("listeners").get(0);
        String caSecret = clusterName() + "-cluster-ca-cert";

        assertThat(config.path("KAFKA_BOOTSTRAP_SERVERS").asText())
                .isEqualTo(clusterName() + "-kafka-bootstrap:"
                        + listener.path("port").asInt());
        assertThat(config.path("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        assertThat(config.path("KAFKA_SASL_MECHANISM").asText()).isEqualTo("SCRAM-SHA-512");
        JsonNode jaas =
                env(container, "KAFKA_SASL_JAAS_CONFIG").path("valueFrom").path("secretKeyRef");
        assertThat(jaas.path("name").asText())
                .as("the Secret of the KafkaUser")
                .isEqualTo(Manifests.named(rendered, "KafkaUser", service)
                        .path("metadata")
                        .path("name")
                        .asText());
        assertThat(jaas.path("key").asText()).isEqualTo("sasl.jaas.config");
        assertThat(config.path("KAFKA_SSL_TRUSTSTORE_TYPE").asText()).isEqualTo("PKCS12");
        assertThat(config.path("KAFKA_SSL_TRUSTSTORE_LOCATION").asText())
                .isEqualTo(mountedFile(statefulSet, caSecret, "ca.p12"));
        JsonNode password = env(container, "KAFKA_SSL_TRUSTSTORE_PASSWORD")
                .path("valueFrom")
                .path("secretKeyRef");
        assertThat(password.path("name").asText() + "/" + password.path("key").asText())
                .isEqualTo(caSecret + "/ca.password");
        assertThat(env(container, "TWIN_STATE_INSTANCE_ID")
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asText())
                .as("the pod name is the instance id")
                .isEqualTo("metadata.name");
        assertThat(config.path("MP_JWT_VERIFY_ISSUER").asText()).isEqualTo("terafab-twin");
        assertThat(config.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText())
                .isEqualTo(mountedFile(statefulSet, "twin-jwt-public-key", "publicKey.pem"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fab-service", "chip-service", "power-service", "scheduler-service"})
    void eachServiceIsProbedScrapedBoundedAndReachableOnItsOwnPort(String service) {
        ObjectNode statefulSet = Manifests.named(rendered, "StatefulSet", service);
        JsonNode container = container(statefulSet);
        int port = Integer.parseInt(applicationProperties(service).getProperty("quarkus.http.port"));

        assertThat(container.path("ports")).anySatisfy(p -> {
            assertThat(p.path("name").asText()).isEqualTo("http");
            assertThat(p.path("containerPort").asInt()).isEqualTo(port);
        });
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/q/health/live");
        assertThat(container.path("livenessProbe").path("httpGet").path("port").asText())
                .isEqualTo("http");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/q/health/ready");
        assertThat(container.path("readinessProbe").path("httpGet").path("port").asText())
                .isEqualTo("http");
        JsonNode annotations =
                statefulSet.path("spec").path("template").path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(port));
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
        JsonNode resources = container.path("resources");
        assertThat(resources.path("requests").path("cpu").isMissingNode())
                .as("cpu request")
                .isFalse();
        long request = bytes(resources.path("requests").path("memory"));
        long limit = bytes(resources.path("limits").path("memory"));
        long heapCap = heapCapBytes(serviceConfig(container).path("JAVA_OPTS").asText());
        assertThat(request).as("memory request").isPositive().isLessThanOrEqualTo(limit);
        // a limit below the heap cap gets the pod killed as its heap grows, not an OutOfMemoryError
        assertThat(limit)
                .as("memory limit beside the heap cap of %d bytes", heapCap)
                .isGreaterThan(heapCap);
        assertThat(container.path("image").asText()).startsWith("terafab/" + service + ":");

        ObjectNode serviceObject = Manifests.named(rendered, "Service", service);
        assertThat(statefulSet.path("spec").path("serviceName").asText()).isEqualTo(service);
        JsonNode selector = serviceObject.path("spec").path("selector");
        JsonNode podLabels =
                statefulSet.path("spec").path("template").path("metadata").path("labels");
        assertThat(selector).as("the Service selects").isNotEmpty();
        selector.fields()
                .forEachRemaining(
                        label -> assertThat(podLabels.path(label.getKey()).asText())
                                .as("pod label %s", label.getKey())
                                .isEqualTo(label.getValue().asText()));
        assertThat(serviceObject.path("spec").path("ports").get(0).path("port").asInt())
                .isEqualTo(port);
    }
}
