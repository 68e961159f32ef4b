package io.terafab.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTestConfigTest {

    private static final Map<String, Integer> PORTS =
            Map.of("fab-service", 41001, "chip-service", 41002, "power-service", 41003, "scheduler-service", 41004);

    private final Path deployed = TwinRepository.prometheus().resolve("prometheus.yml");

    @Test
    void theDeployedConfigScrapesTheFourServicesAndTheSensorSimulatorOnTheirDefaultPorts() throws Exception {
        JsonNode config = new YAMLMapper().readTree(deployed.toFile());
        List<String> targets = new ArrayList<>();
        for (JsonNode job : config.path("scrape_configs")) {
            assertThat(job.path("metrics_path").asText()).isEqualTo("/q/metrics");
            for (JsonNode group : job.path("static_configs")) {
                group.path("targets")
                        .forEach(t ->
                                targets.add(group.path("labels").path("service").asText() + "=" + t.asText()));
            }
        }
        assertThat(targets)
                .containsExactlyInAnyOrder(
                        "fab-service=127.0.0.1:8081",
                        "chip-service=127.0.0.1:8082",
                        "power-service=127.0.0.1:8083",
                        "scheduler-service=127.0.0.1:8084",
                        "sensor-simulator=127.0.0.1:8085");
    }

    @Test
    void theSensorSimulatorIsLeftOutButAnUnknownServiceIsRefused() throws Exception {
        JsonNode config = new YAMLMapper()
                .readTree(PrometheusTestConfig.derive(
                        deployed,
                        Map.of("fab-service", 1, "chip-service", 2, "power-service", 3, "scheduler-service", 4),
                        Duration.ofSeconds(1)));
        assertThat(config.path("scrape_configs").findValuesAsText("service")).doesNotContain("sensor-simulator");
        assertThatThrownBy(() -> PrometheusTestConfig.derive(deployed, Map.of("fab-service", 1), Duration.ofSeconds(1)))
                .hasMessageContaining("chip-service");
    }

    @Test
    void eachServiceIsScrapedOnItsTestPortAtTheTestInterval() throws Exception {
        JsonNode config =
                new YAMLMapper().readTree(PrometheusTestConfig.derive(deployed, PORTS, Duration.ofSeconds(1)));
        assertThat(config.at("/global/scrape_interval").asText()).isEqualTo("1s");
        assertThat(config.at("/global/evaluation_interval").asText()).isEqualTo("1s");
        for (JsonNode job : config.path("scrape_configs")) {
            for (JsonNode group : job.path("static_configs")) {
                int port = PORTS.get(group.path("labels").path("service").asText());
                assertThat(group.path("targets")).extracting(JsonNode::asText).containsExactly("127.0.0.1:" + port);
            }
        }
    }

    @Test
    void ruleFilesPointAtTheDeployedRulesFromAnywhere() throws Exception {
        JsonNode config =
                new YAMLMapper().readTree(PrometheusTestConfig.derive(deployed, PORTS, Duration.ofSeconds(1)));
        assertThat(config.path("rule_files")).isNotEmpty();
        for (JsonNode pattern : config.path("rule_files")) {
            Path path = Path.of(pattern.asText());
            assertThat(path).isAbsolute();
            assertThat(Files.isDirectory(path.getParent()))
                    .as("folder of %s", path)
                    .isTrue();
        }
    }
}
