package io.terafab.campus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.testing.kafka.ServiceProcess;
import io.terafab.testing.kafka.TestKafkaBroker;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An operator's write survives a crash right after its answer: the packaged power-service answers
 * {@code PUT /grid/import-cap} once the command on {@code power.commands} is applied, is killed
 * ({@code kill -9}) before any snapshot holds it, and on restart applies it again from the log; the
 * same command re-sent then is a duplicate. On its own topics ({@code cmd-it.*}) and snapshot key.
 */
class OperatorCommandReplayIT {

    private static final String PREFIX = "cmd-it.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ServiceProcess power;

    @AfterAll
    static void stop() {
        if (power != null) {
            power.close();
        }
    }

    private static ServiceProcess powerService() {
        return ServiceProcess.of(
                "power-service",
                TestKafkaBroker.bootstrapServers(),
                Map.ofEntries(
                        Map.entry("mp.messaging.incoming.commands.topic", PREFIX + "power.commands"),
                        Map.entry("mp.messaging.outgoing.operator-commands.topic", PREFIX + "power.commands"),
                        Map.entry("mp.messaging.incoming.fab-power-draw.topic", PREFIX + "fab.power-draw"),
                        Map.entry("mp.messaging.incoming.dc-power-draw.topic", PREFIX + "dc.power-draw"),
                        Map.entry("mp.messaging.incoming.meter-readings.topic", PREFIX + "sensor.meter-readings"),
                        Map.entry("mp.messaging.outgoing.budgets.topic", PREFIX + "power.budget"),
                        Map.entry("mp.messaging.outgoing.grid-state.topic", PREFIX + "power.grid-state"),
                        Map.entry("kafka.group.id", "cmd-it-power-service"),
                        Map.entry("twin.state.instance-id", "cmd-it-power"),
                        // no snapshot holds the command: only the log can bring it back
                        Map.entry("twin.state.snapshot-interval", "1h")));
    }

    private static HttpResponse<String> putImportCap(double mw, String key) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(power.url("/grid/import-cap"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", ServiceProcess.operatorAuthorization())
                        .header("Idempotency-Key", key)
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"capMw\":" + mw + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    @Test
    void anAnsweredImportCapIsReappliedFromTheLogAfterAKill9AndItsReSendIsADuplicate() throws Exception {
        power = powerService().start();
        power.awaitReady(Duration.ofSeconds(120));
        double configured = json(power.get("/grid").body()).get("importCapMw").asDouble();
        double cap = configured == 123 ? 124 : 123;

        HttpResponse<String> applied = putImportCap(cap, "cmd-it-cap-1");
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(json(applied.body()).get("outcome").asText()).isEqualTo("applied");
        assertThat(json(applied.body()).get("eventId").asText()).isEqualTo("cmd-it-cap-1");

        power.kill9();
        power = powerService().start();
        power.awaitReady(Duration.ofSeconds(120));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(json(power.get("/grid").body())
                                .get("importCapMw")
                                .asDouble())
                        .as("the import cap after the restart, replayed from power.commands")
                        .isEqualTo(cap));
        HttpResponse<String> again = putImportCap(cap, "cmd-it-cap-1");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again.body()).get("outcome").asText())
                .as("the replay remembered the id")
                .isEqualTo("duplicate");
    }
}
