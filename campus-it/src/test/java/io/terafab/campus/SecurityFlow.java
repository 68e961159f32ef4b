package io.terafab.campus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terafab.testing.kafka.KafkaAccess;
import io.terafab.testing.kafka.OwnPrincipal;
import io.terafab.testing.kafka.ServiceProcess;
import io.terafab.testing.kafka.TestKafkaBroker;
import io.terafab.testing.kafka.TestTokens;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The packaged services of the default campus, as they run: each logged in to the secured broker as
 * its own principal (the broker's own authorization decisions say so), whose login reads its own
 * snapshots but not another service's; and each refusing a REST write without a valid operator token.
 * Runs last on the campus: the operator's write it ends with sets the import cap to the value it has.
 */
abstract class SecurityFlow {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One write per service. fab-service has no REST write: the rule covers every path, served or not. */
    private static final Map<String, String[]> WRITES = Map.of(
            "fab-service", new String[] {"POST", "/fab/tools/etch-1.1"},
            "chip-service", new String[] {"POST", "/inventory/accelerators/no-such-accelerator/return"},
            "power-service", new String[] {"PUT", "/grid/import-cap"},
            "scheduler-service", new String[] {"POST", "/jobs"});

    @Test
    void eachServiceLogsInAsItsOwnPrincipalForItsInputsGroupAndSnapshots() {
        for (String service : DefaultCampus.services()) {
            OwnPrincipal.assertRunsAsItself(access(service), Duration.ofSeconds(60));
        }
    }

    @Test
    void aServicesLoginReadsItsOwnSnapshotsButIsRefusedAnotherServicesState() {
        List<String> services = List.copyOf(DefaultCampus.services());
        for (int i = 0; i < services.size(); i++) {
            String service = services.get(i);
            String other = services.get((i + 1) % services.size());
            Map<String, Object> login = login(service);

            assertThat(read(login, DefaultCampus.PREFIX + service + ".state"))
                    .as("%s reads its own snapshots", service)
                    .isPositive();
            assertThatThrownBy(() -> read(login, DefaultCampus.PREFIX + other + ".state"))
                    .as("%s reading the state of %s", service, other)
                    .isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining(other + ".state");
        }
    }

    @Test
    void everyServiceRefusesAWriteWithoutAValidOperatorToken() throws Exception {
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("no token", null);
        refusals.put(
                "expired",
                TestTokens.token(
                        "operator", TestTokens.ISSUER, Instant.now().minusSeconds(120), TestTokens.signingKey()));
        refusals.put(
                "another key", TestTokens.token("operator", TestTokens.ISSUER, inAnHour, TestTokens.strangerKey()));
        refusals.put(
                "another issuer",
                TestTokens.token("operator", "https://elsewhere.example", inAnHour, TestTokens.signingKey()));
        double capBefore = importCapMw();

        for (String service : DefaultCampus.services()) {
            String[] write = WRITES.get(service);
            for (Map.Entry<String, String> token : refusals.entrySet()) {
                assertThat(send(service, write, token.getValue()).statusCode())
                        .as("%s %s %s with %s", service, write[0], write[1], token.getKey())
                        .isEqualTo(401);
            }
            assertThat(send(service, write, TestTokens.token("viewer")).statusCode())
                    .as("%s %s %s by a viewer", service, write[0], write[1])
                    .isEqualTo(403);
        }
        assertThat(importCapMw()).as("the import cap after the refusals").isEqualTo(capBefore);

        String same = "{\"capMw\": " + capBefore + "}";
        HttpResponse<String> applied =
                send("power-service", WRITES.get("power-service"), TestTokens.token("operator"), same);
        assertThat(applied.statusCode()).as("an operator's write").isEqualTo(200);
        assertThat(applied.body()).contains("\"importCapMw\":" + capBefore);
    }

    private static KafkaAccess access(String service) {
        return DefaultCampusIT.campus().service(service).kafkaAccess();
    }

    /** The service's own login (the harness gives the same password to the same principal) as client settings. */
    private static Map<String, Object> login(String service) {
        Map<String, Object> client = new HashMap<>();
        TestKafkaBroker.credentialsFor(access(service))
                .forEach((k, v) -> client.put(k.substring("kafka.".length()), v));
        assertThat(client).as("%s logs in", service).containsKey("sasl.jaas.config");
        return client;
    }

    /** Records of partition 0 of {@code topic} from its start, read without a consumer group. */
    private static int read(Map<String, Object> login, String topic) {
        Map<String, Object> settings = new HashMap<>(login);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            return consumer.poll(Duration.ofSeconds(10)).records(partition).size();
        }
    }

    private static HttpResponse<String> send(String service, String[] write, String token)
            throws IOException, InterruptedException {
        return send(service, write, token, "{\"capMw\": 1}");
    }

    private static HttpResponse<String> send(String service, String[] write, String token, String body)
            throws IOException, InterruptedException {
        ServiceProcess process = DefaultCampusIT.campus().service(service);
        HttpRequest.Builder request = HttpRequest.newBuilder(process.url(write[1]))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(write[0], HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double importCapMw() throws IOException {
        HttpResponse<String> view =
                DefaultCampusIT.campus().service("power-service").get("/grid");
        assertThat(view.statusCode()).as("GET /grid without a token").isEqualTo(200);
        Matcher cap = Pattern.compile("\"importCapMw\":([0-9.]+)").matcher(view.body());
        assertThat(cap.find()).as("importCapMw in %s", view.body()).isTrue();
        return Double.parseDouble(cap.group(1));
    }
}
