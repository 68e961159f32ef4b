package io.terafab.campus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.terafab.testing.kafka.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coupled loop across the four packaged services on real topics: the fab's wafer-outs become
 * chips, the scheduler's capacity requests become installed accelerators, both loads report their
 * draw, and the grid's budgets come back to both — and a shorter grid curtails the fab. Runs on the
 * fresh default campus of {@link DefaultCampusIT}, and leaves its grid cut.
 */
abstract class CampusLoopFlow {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServiceProcess fab;
    private static ServiceProcess chip;
    private static ServiceProcess power;
    private static ServiceProcess scheduler;

    @BeforeAll
    static void joinCampus() {
        DefaultCampus campus = DefaultCampusIT.campus();
        fab = campus.service("fab-service");
        chip = campus.service("chip-service");
        power = campus.service("power-service");
        scheduler = campus.service("scheduler-service");
    }

    private static JsonNode get(ServiceProcess service, String path) throws IOException {
        HttpResponse<String> response = service.get(path);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static long installedChips(JsonNode inventory) {
        return StreamSupport.stream(inventory.get("skus").spliterator(), false)
                .mapToLong(s -> s.get("installed").asLong())
                .sum();
    }

    @Test
    void wafersBecomeChipsBecomeCapacityAndBothLoadsRunUnderGridBudgets() throws Exception {
        // fab → chips: finished lots raise chip stock
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode line = get(fab, "/fab");
            assertThat(line.get("wafersOut").asLong()).isPositive();
            assertThat(line.get("conserved").asBoolean()).isTrue();
            JsonNode inventory = get(chip, "/inventory");
            assertThat(inventory.get("lotsRecorded").asLong()).isPositive();
        });

        // scheduler → chips → scheduler: the default workload asks for capacity and gets installed accelerators
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode inventory = get(chip, "/inventory");
            JsonNode cluster = get(scheduler, "/cluster");
            assertThat(installedChips(inventory)).isPositive();
            assertThat(cluster.at("/accelerators/total").asLong()).isEqualTo(installedChips(inventory));
            assertThat(inventory.get("conserved").asBoolean()).isTrue();
        });

        // fab, dc → power → fab, dc: both draws arrive and both get budgets back
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode grid = get(power, "/grid");
            assertThat(grid.at("/consumers/fab/demandMw").asDouble()).isPositive();
            assertThat(grid.at("/consumers/dc/demandMw").asDouble()).isPositive();
            assertThat(get(fab, "/fab").get("budgetMw").isNumber()).isTrue();
            assertThat(get(scheduler, "/cluster").at("/power/budgetMw").isNumber())
                    .isTrue();
        });

        // a shorter grid curtails: 150 MW on site − 20 MW base load leaves the fab 130 MW, below its demand
        HttpResponse<String> cut = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(power.url("/grid/import-cap"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", ServiceProcess.operatorAuthorization())
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"capMw\":0}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(cut.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode line = get(fab, "/fab");
            assertThat(line.get("budgetMw").asDouble()).isLessThanOrEqualTo(130.0 + 1e-6);
            assertThat(line.get("powerDrawMw").asDouble())
                    .isLessThanOrEqualTo(line.get("budgetMw").asDouble() + 1e-6);
            assertThat(line.get("powerDemandMw").asDouble())
                    .isGreaterThan(line.get("powerDrawMw").asDouble());
            assertThat(get(power, "/grid").get("curtailedMw").asDouble()).isPositive();
        });

        // every service counted what it consumed
        for (ServiceProcess service : DefaultCampusIT.campus().all()) {
            assertThat(service.get("/q/metrics").body()).contains("terafab_messaging_events_consumed_total");
        }
    }
}
