package io.terafab.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The operators' view on the real thing: the four packaged services on a real broker, a real
 * Prometheus scraping them with the config and alert rules of deploy/prometheus, and every PromQL
 * expression of every panel of every dashboard in deploy/grafana/dashboards (enumerated from the
 * JSON, not listed here) evaluated through Prometheus's HTTP API: each must return data, without
 * error, on a freshly started twin. The twin is campus-it's default campus: this class runs there
 * ({@code DefaultCampusIT}, through ops-it's test jar) as the first flow after the campus starts,
 * so the build starts the four services once for every flow that needs only the default campus.
 *
 * <p>Needs the {@code prometheus} binary (Debian package {@code prometheus}): without it the test
 * is skipped, except in CI ({@code CI=true}) where it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DashboardQueries {

    private static final List<String> SERVICES =
            List.of("fab-service", "chip-service", "power-service", "scheduler-service");
    /** The test's scrape and rule evaluation interval: a fresh twin has rate() data within seconds. */
    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    /** A fresh twin produces every series within seconds at 3600x; generous for a loaded 2-core CI box. */
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(60);

    private static final String NO_PROMETHEUS = "no prometheus binary on the PATH"
            + " (apt-get install -y --no-install-recommends prometheus, or -Dprometheus.binary=...)";

    private PrometheusProcess prometheus;

    /**
     * The HTTP port of each of the four running services, by module name; the twin runs on one clock
     * at 3600 simulated seconds a second with a 500 ms tick, as deploy/twin runs it.
     */
    protected abstract Map<String, Integer> servicePorts();

    @BeforeAll
    void startPrometheus() {
        Optional<Path> binary = PrometheusProcess.binary();
        if (binary.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(NO_PROMETHEUS + ": CI must run the dashboard query test");
            }
            return; // each test reports itself skipped, with the reason
        }
        Map<String, Integer> ports = new LinkedHashMap<>(servicePorts());
        assertThat(ports).as("the twin's services").containsOnlyKeys(SERVICES);
        String config = PrometheusTestConfig.derive(
                TwinRepository.prometheus().resolve("prometheus.yml"), ports, SCRAPE_INTERVAL);
        prometheus = PrometheusProcess.start(
                binary.get(), config, Path.of("target", "prometheus").toAbsolutePath());
        prometheus.awaitReady(Duration.ofSeconds(30));
    }

    @BeforeEach
    void requirePrometheus() {
        Assumptions.assumeTrue(prometheus != null, NO_PROMETHEUS + ": dashboard query test skipped");
    }

    @AfterAll
    void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    public void prometheusScrapesTheFourServices() {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Map<String, String> health = new LinkedHashMap<>();
                    for (JsonNode target : prometheus.api("targets").at("/data/activeTargets")) {
                        health.put(
                                target.at("/labels/service").asText(),
                                target.path("health").asText()
                                        + (target.path("lastError").asText().isEmpty()
                                                ? ""
                                                : " ("
                                                        + target.path("lastError")
                                                                .asText() + ")"));
                    }
                    assertThat(health)
                            .containsOnlyKeys(SERVICES)
                            .allSatisfy((service, state) -> assertThat(state).isEqualTo("up"));
                });
    }

    @Test
    public void everyPanelOfEveryDashboardReturnsData() {
        List<Path> dashboards = GrafanaDashboards.files();
        assertThat(dashboards)
                .as("dashboards under %s", TwinRepository.dashboards())
                .isNotEmpty();
        for (Path file : dashboards) {
            for (JsonNode panel : GrafanaDashboards.panels(GrafanaDashboards.read(file))) {
                if (GrafanaDashboards.holdsQueries(panel)) {
                    assertThat(panel.path("targets").findValues("expr"))
                            .as(
                                    "%s › panel %s \"%s\": its queries",
                                    file.getFileName(),
                                    panel.path("id").asInt(),
                                    panel.path("title").asText())
                            .isNotEmpty();
                }
            }
        }

        // a PromQL syntax error is in the file, not in the data: report it at once
        Map<Path, TemplateVariables> variables = awaitVariables(dashboards);
        List<String> malformed = new ArrayList<>();
        for (Path file : dashboards) {
            for (PanelQuery query : GrafanaDashboards.queries(file)) {
                String promql = variables.get(file).substitute(query.expr());
                JsonNode answer = prometheus.query(promql);
                if ("bad_data".equals(answer.path("errorType").asText())) {
                    malformed.add(query.where() + ": " + answer.path("error").asText() + "\n    " + promql);
                }
            }
        }
        assertThat(malformed).as("queries Prometheus cannot parse").isEmpty();

        List<String> answered = new ArrayList<>();
        await().atMost(DATA_TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            answered.clear();
            List<String> without = new ArrayList<>();
            for (Path file : dashboards) {
                for (PanelQuery query : GrafanaDashboards.queries(file)) {
                    String promql = variables.get(file).substitute(query.expr());
                    JsonNode answer = prometheus.query(promql);
                    int series = answer.at("/data/result").size();
                    if (!"success".equals(answer.path("status").asText())) {
                        without.add(query.where() + ": " + answer.path("error").asText() + "\n    " + promql);
                    } else if (series == 0) {
                        without.add(query.where() + ": no data\n    " + promql);
                    } else {
                        answered.add(query.where() + ": " + series + " series");
                    }
                }
            }
            assertThat(without)
                    .as("dashboard queries without data or with an error")
                    .isEmpty();
        });
        System.out.println("[ops-it] " + answered.size() + " dashboard queries returned data:\n  "
                + String.join("\n  ", answered));
    }

    @Test
    public void theAlertRulesOfDeployPrometheusAreLoadedAndEvaluateWithoutError() {
        Set<String> expected = new TreeSet<>();
        AlertRules.all().forEach(rule -> expected.add(rule.name()));
        assertThat(expected).isNotEmpty();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Map<String, String> health = new LinkedHashMap<>();
                    for (JsonNode group : prometheus.api("rules?type=alert").at("/data/groups")) {
                        for (JsonNode rule : group.path("rules")) {
                            health.put(
                                    rule.path("name").asText(),
                                    rule.path("health").asText()
                                            + (rule.path("lastError").asText().isEmpty()
                                                    ? ""
                                                    : " ("
                                                            + rule.path("lastError")
                                                                    .asText() + ")"));
                        }
                    }
                    assertThat(health.keySet()).containsExactlyInAnyOrderElementsOf(expected);
                    assertThat(health)
                            .allSatisfy((alert, state) ->
                                    assertThat(state).as(alert).isEqualTo("ok"));
                });
    }

    /** Each dashboard's variables, once Prometheus holds the series they are read from. */
    private Map<Path, TemplateVariables> awaitVariables(List<Path> dashboards) {
        Map<Path, TemplateVariables> variables = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreException(IllegalStateException.class)
                .untilAsserted(() -> {
                    for (Path file : dashboards) {
                        variables.put(
                                file,
                                TemplateVariables.of(VariableValues.resolve(GrafanaDashboards.read(file), prometheus)));
                    }
                });
        return variables;
    }
}
