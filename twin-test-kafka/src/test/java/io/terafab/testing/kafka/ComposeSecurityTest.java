package io.terafab.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.terafab.testing.contract.RepositoryRoot;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/docker-compose.yml as Compose would read it (anchors and merge keys resolved) and the broker
 * its {@code compose/kafka-secure.sh} configures: published on 127.0.0.1 unless {@code TWIN_BIND} says
 * otherwise, Kafka with SCRAM-SHA-512 logins on every listener and TLS on the published one, the ACL
 * authorizer denying by default, and each service logging in as itself. No Docker engine runs these
 * tests, so this is what the file says, not a campus started from it.
 */
class ComposeSecurityTest {

    private static final Path DEPLOY = RepositoryRoot.find().resolve("deploy");
    private static final List<String> SERVICES =
            List.of("fab-service", "chip-service", "power-service", "scheduler-service");
    private static final String LOOPBACK_UNLESS_TWIN_BIND = "${TWIN_BIND:-127.0.0.1}:";

    @Test
    void everyPublishedPortIsOnLoopbackUnlessTwinBindSaysOtherwise() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        List<String> published = new ArrayList<>();
        services.forEach((name, service) -> {
            for (Object port : list(service.get("ports"))) {
                published.add(name + " " + port);
                assertThat(port.toString()).as("port %s of %s", port, name).startsWith(LOOPBACK_UNLESS_TWIN_BIND);
            }
        });
        // Kafka's TLS listener, the four services, Prometheus and Grafana: all on the kafka container
        assertThat(published)
                .containsExactlyInAnyOrder(
                        "kafka ${TWIN_BIND:-127.0.0.1}:9094:9094",
                        "kafka ${TWIN_BIND:-127.0.0.1}:8081-8084:8081-8084",
                        "kafka ${TWIN_BIND:-127.0.0.1}:9090:9090",
                        "kafka ${TWIN_BIND:-127.0.0.1}:3000:3000");
    }

    @Test
    void eachServiceSharesTheBrokersLoopbackAndLogsInAsItselfWithTokensVerified() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        for (String name : SERVICES) {
            Map<String, Object> service = services.get(name);
            assertThat(service).as(name).isNotNull();
            @SuppressWarnings("unchecked")
            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            assertThat(service.get("network_mode")).as("%s's network", name).isEqualTo("service:kafka");
            assertThat(env)
                    .as("%s's environment", name)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                    .containsEntry("QUARKUS_CONFIG_LOCATIONS", "/secrets/" + name + ".service.properties")
                    .containsKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        }
        String setup = section(script(), "setup)");
        assertThat(setup)
                .contains("for s in " + String.join(" ", SERVICES) + "; do")
                .contains("kafka.security.protocol=SASL_PLAINTEXT kafka.sasl.mechanism=SCRAM-SHA-512")
                .contains("--allow-principal \"User:$s\"");
    }

    @Test
    void theBrokerTakesScramLoginsOnlyWithTlsOnThePublishedListenerAndDeniesByDefault() throws IOException {
        Properties broker = brokerProperties();

        Map<String, String> protocols = pairs(broker.getProperty("listener.security.protocol.map"));
        assertThat(protocols.values()).as("every listener's protocol").allMatch(p -> p.startsWith("SASL_"));
        Map<String, String> listeners = pairs(broker.getProperty("listeners").replace("://", "="));
        String published = listeners.entrySet().stream()
                .filter(e -> e.getValue().endsWith(":9094"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        assertThat(protocols).containsEntry(published, "SASL_SSL");
        assertThat(listeners.get(published)).as("the published listener").isEqualTo(":9094");
        assertThat(listeners.values())
                .as("the others stay inside the container")
                .filteredOn(address -> !address.equals(":9094"))
                .allMatch(address -> address.startsWith("127.0.0.1:"));
        assertThat(broker)
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("super.users", "User:admin");
        assertThat(broker.getProperty("listener.name.external.ssl.keystore.location"))
                .isNotBlank();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() throws IOException {
        try (Reader in = Files.newBufferedReader(DEPLOY.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }

    private static String script() throws IOException {
        return Files.readString(DEPLOY.resolve("compose/kafka-secure.sh"));
    }

    /** A case branch of the script: from its label to the next {@code ;;}. */
    private static String section(String script, String label) {
        int start = script.indexOf("\n  " + label);
        assertThat(start).as("branch %s of kafka-secure.sh", label).isNotNegative();
        return script.substring(start, script.indexOf(";;", start));
    }

    /** The server.properties the script's broker branch writes (shell substitutions left as written). */
    private static Properties brokerProperties() throws IOException {
        Matcher heredoc = Pattern.compile("cat > /tmp/server.properties <<PROPS\n(.*?)\nPROPS", Pattern.DOTALL)
                .matcher(section(script(), "broker)"));
        assertThat(heredoc.find())
                .as("the broker's server.properties in kafka-secure.sh")
                .isTrue();
        Properties broker = new Properties();
        broker.load(new StringReader(heredoc.group(1)));
        return broker;
    }

    /** {@code A:x,B:y} or {@code A=x,B=y} as a map. */
    private static Map<String, String> pairs(String list) {
        Map<String, String> pairs = new java.util.LinkedHashMap<>();
        Arrays.stream(list.split(",")).forEach(pair -> {
            String[] kv = pair.split("[:=]", 2);
            pairs.put(kv[0].trim(), kv[1].trim());
        });
        return pairs;
    }
}
